"""GET /: a page for editors. Paste an article, see its quotes highlighted per speaker. Plain HTML, CSS and
JavaScript served by the app itself (web/static, web/templates): no build step, no CDN."""
from __future__ import annotations

from flask import Blueprint, render_template

page = Blueprint("page", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")


@page.get("/")
def index():
    return render_template("index.html")
