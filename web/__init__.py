"""The web layer: validates requests, calls the engine, serialises with the schemas."""
