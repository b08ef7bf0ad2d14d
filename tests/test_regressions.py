"""Short hand-written articles, one or two per family of attribution errors seen on unseen news
(issue 11) and of house styles (issue 28: single quotation marks, colon-introduced quotes): each
quote must be found whole and get its speaker (and affiliation, where the article gives one)."""
from pathlib import Path

import pytest

from quotes import extract
from quotes.evaluate import same_name

ARTICLES = Path(__file__).parent / "articles"

# (article, words of the quote, speaker, affiliation or None when not checked)
CASES = [
    ("pronoun_after_new_man", "This is a win", "Teresa Alvarez", None),
    ("pronoun_after_new_man", "forty new drivers", "Marcus Webb", None),
    # the man is introduced after the woman spoke, not as a subject: he is who was mentioned last
    ("pronoun_after_man_introduced", "boats are forty years old", "Grace Okafor", None),
    ("pronoun_after_man_introduced", "Our members", "Daniel Reyes", None),
    ("dash_credit_line", "waited twenty years", "Ann Cole", None),
    ("dash_credit_line", "Nobody asked the fishermen", "Pedro Santos", "Harbor Users Association"),
    ("comma_credit_lines", "owned the stage", "Laura Chen", None),
    ("comma_credit_lines", "forgettable night", "Victor Osei", None),
    ("colon_then_quote", "The aquifer has dropped", "Helen Park", "State Water Board"),
    ("statement_on_website", "stop using the affected seats", "National Highway Traffic Safety Administration", None),
    ("description_before_name", "turned a corner", "Robert Hale", None),
    ("description_before_name", "biggest enemy", "Ana Ruiz", None),
    ("manner_cues", "nobody has read", "Gloria Nunez", None),
    ("manner_cues", "online for nine days", "Frank Doyle", None),
    ("manner_cues", "read faster", "Kevin Marsh", None),
    ("dateline_headline", "No one will work", "Joana Ferreira", None),
    ("relative_clause_affiliation", "unexplained price increases", "Tom Price", "Finance Committee"),
    ("relative_clause_affiliation", "full answers", "Tom Price", "Finance Committee"),
    ("quoted_as_saying", "safety will always come", "Maria Lindqvist", None),
    ("quoted_as_saying", "Nobody told us", "Omar Haddad", None),
    ("pronoun_before_colon_quote", "dredge the channel", "Lena Ortiz", None),
    ("pronoun_before_colon_quote", "numbers do not add up", "Arthur Quinn", None),
    # "the senator", "the veteran lawmaker": descriptions of the senator named before, not new speakers
    ("title_description", "what you told us last year", "Tom Price", None),
    ("title_description", "call the company back", "Tom Price", None),
    # "it" after a document that spoke is that document
    ("document_it", "will cost every family", "the ad", None),
    # house styles (issue 28): quotations in single marks, colon-introduced quotes, in both styles
    ("british_apostrophes_curly", "Joneses’ house I worry about", "Margaret O’Brien", None),
    ("british_apostrophes_curly", "We didn’t even get sandbags", "Colin Ashby", None),
    ("british_apostrophes_straight", "rock 'n' roll nights", "Dennis Hargreaves", None),
    ("british_apostrophes_straight", "the Hargreaves' real family", "Sally Hargreaves", None),
    ("british_colon_same_paragraph", "We will not back down", "Helen Marsh", None),
    ("british_colon_same_paragraph", "no idea what the line will cost", "David Cole", None),
    ("british_colon_next_paragraph", "the hardest decision of my career", "Jane Roe", None),
    ("british_interrupted_quote", "I never wanted to play anywhere else", "Tom Hart", None),
    ("british_interrupted_quote", "This club gave me my chance", "Tom Hart", None),
    ("british_interrupted_quote", "first name on my team sheet", "Gareth Lowe", None),
    ("british_mixed_marks", "Every empty sailing costs us money", "Alan Pryce", None),
    ("british_mixed_marks", "three winters running", "Joan Tate", None),
    ("british_nested_double", "we can’t put them down", "Priya Nair", None),
    ("british_nested_double", "but most have thanked us", "Priya Nair", None),
    ("double_colon_next_paragraph", "no longer have to travel", "Maya Patel", None),
    ("double_colon_same_paragraph", "I won't be rushed", "Amira Shah", None),
    ("double_colon_same_paragraph", "a reprieve, not a victory", "Neil Ward", None),
    ("double_apostrophes_nested_single", "the 'noise diary' they kept", "Owen Price", None),
    ("double_possessive_before_quote", "the bees came back", "Lucy Jones", None),
    # quoted fragments of one reported clause are quotations each; a colon after one opens a new quote
    ("double_fragments_in_one_clause", "a reckless gamble", "Ruth Akande", None),
    ("double_fragments_in_one_clause", "leave the town with nothing", "Ruth Akande", None),
    ("double_fragments_in_one_clause", "We have been here before", "Ruth Akande", None),
    ("double_fragments_in_one_clause", "the best we will see", "Simon Vance", None),
    ("double_fragments_in_one_clause", "bring jobs back", "Simon Vance", None),
    ("british_fragments_in_one_clause", "a betrayal", "Leila Moss", None),
    ("british_fragments_in_one_clause", "trusted the trust to listen", "Leila Moss", None),
    ("british_fragments_in_one_clause", "Nobody came to see the school", "Leila Moss", None),
    ("british_fragments_in_one_clause", "no longer safe", "Martin Greaves", None),
    ("british_fragments_in_one_clause", "get a better start", "Martin Greaves", None),
    # speaker profiles (issue 28): what the article says of a person anywhere goes with every quote of theirs
    ("profile_introduced_earlier", "comes back higher", "Helen Varga", "Northern Rivers Institute"),
    ("british_profile_introduced_earlier", "comes back higher", "Helen Varga", "Northern Rivers Institute"),
    ("profile_introduced_earlier", "a second look", "Samuel Okoro", "Northern Rivers Institute"),
    ("british_profile_introduced_earlier", "a second look", "Samuel Okoro", "Northern Rivers Institute"),
    ("organisation_speaks", "We regret the disruption", "Coastal Ferry Company", "Coastal Ferry Company"),
    ("british_organisation_speaks", "We regret the disruption", "Coastal Ferry Company", "Coastal Ferry Company"),
    ("acronym_affiliation", "Every drawer in this room", "Omar Reid", "National Seed Conservation Trust"),
    ("british_acronym_affiliation", "Every drawer in this room", "Omar Reid", "National Seed Conservation Trust"),
    ("acronym_affiliation", "with the power off", "Lucia Ferro", "National Seed Conservation Trust"),
    ("british_acronym_affiliation", "with the power off", "Lucia Ferro", "National Seed Conservation Trust"),
    ("predicate_and_chained_roles", "three weeks later", "Ruth Calder", "Great Lakes Survey"),
    ("british_predicate_and_chained_roles", "three weeks later", "Ruth Calder", "Great Lakes Survey"),
    ("predicate_and_chained_roles", "whole shoreline", "Tomas Ekberg", "Nordic Ice Office"),
    ("british_predicate_and_chained_roles", "whole shoreline", "Tomas Ekberg", "Nordic Ice Office"),
    # a name after a relation or a title is the speaker, and quoted words never are ("as “a coward”")
    ("relation_and_title_before_name", "let the family sleep again", "Angus", None),
    ("british_relation_and_title_before_name", "let the family sleep again", "Angus", None),
    ("relation_and_title_before_name", "nobody locks a door", "Moira Dunbar", None),
    ("british_relation_and_title_before_name", "nobody locks a door", "Moira Dunbar", None),
    ("relation_and_title_before_name", "never once looked at us", "Ellen", None),
    ("british_relation_and_title_before_name", "never once looked at us", "Ellen", None),
    # a person after an organisation's title, "works as", a club by its short name
    ("title_run_and_works_as", "every container", "Nadia Karim", "Transport Ministry"),
    ("british_title_run_and_works_as", "every container", "Nadia Karim", "Transport Ministry"),
    ("title_run_and_works_as", "paperwork, not smuggling", "Pavel Novak", "Port Health Authority"),
    ("british_title_run_and_works_as", "paperwork, not smuggling", "Pavel Novak", "Port Health Authority"),
    ("title_run_and_works_as", "a ground we cannot reach", "Riverside United Football Club",
     "Riverside United Football Club"),
    ("british_title_run_and_works_as", "a ground we cannot reach", "Riverside United Football Club",
     "Riverside United Football Club"),
    ("title_run_and_works_as", "a tide a day", "Ruth Kemp", "Harbour Pilots Association"),  # "As head of X, Kemp"
    ("british_title_run_and_works_as", "a tide a day", "Ruth Kemp", "Harbour Pilots Association"),
    # units named after commas; "from" an organisation (not a place); what a role is for is no employer
    ("projects_and_units", "telescope cold", "Irene Vasquez", "Upper Air Division"),
    ("british_projects_and_units", "telescope cold", "Irene Vasquez", "Upper Air Division"),
    ("projects_and_units", "balloon behaved better", "Marco Bellini", "University of Trieste"),
    ("british_projects_and_units", "balloon behaved better", "Marco Bellini", "University of Trieste"),
    ("projects_and_units", "came back working", "Yusuf Adeyemi", "Polar Science Agency"),
    # "said glacier scientist Linnea Berg of the ... Agency’s field station": the person, not the station
    ("projects_and_units", "lost more than we expected", "Linnea Berg", "Polar Science Agency"),
    ("british_projects_and_units", "lost more than we expected", "Linnea Berg", "Polar Science Agency"),
    ("british_projects_and_units", "came back working", "Yusuf Adeyemi", "Polar Science Agency"),
    # "she" after a subject set off by an apposition, in a sentence with no cue; "who" after quoted words
    ("pronoun_after_apposition_subject", "a betrayal", "Grace Tulloch", None),
    ("british_pronoun_after_apposition_subject", "a betrayal", "Grace Tulloch", None),
    ("pronoun_after_apposition_subject", "ready to buy it herself", "Grace Tulloch", None),
    ("british_pronoun_after_apposition_subject", "ready to buy it herself", "Grace Tulloch", None),
    ("pronoun_after_apposition_subject", "never set foot", "Grace Tulloch", None),
    ("british_pronoun_after_apposition_subject", "never set foot", "Grace Tulloch", None),
    # one name that is a first name and a subject is a person "she" can mean
    ("single_name_singer", "perfect for the people", "Marisol", None),
    ("british_single_name_singer", "perfect for the people", "Marisol", None),
    # hyphenated names are whole ("Rao-Whitfield", "al-Rashid"), and named
    ("hyphenated_names", "Every bolt on this bridge", "Priya Rao-Whitfield", None),
    ("british_hyphenated_names", "Every bolt on this bridge", "Priya Rao-Whitfield", None),
    ("hyphenated_names", "taking chances with the cables", "Omar al-Rashid", None),
    ("british_hyphenated_names", "taking chances with the cables", "Omar al-Rashid", None),
    # two people share a surname: "Kowalski said" is the one spoken of last; organisations and documents speak
    ("namesakes_and_unnamed", "the whole kitchen", "Eva Kowalski", None),
    ("british_namesakes_and_unnamed", "the whole kitchen", "Eva Kowalski", None),
    ("namesakes_and_unnamed", "already on site", "the ministry", "the ministry"),
    ("british_namesakes_and_unnamed", "already on site", "the ministry", "the ministry"),
    ("namesakes_and_unnamed", "Safety comes first", "the club", "the club"),
    ("british_namesakes_and_unnamed", "Safety comes first", "the club", "the club"),
    # where the person works ("at NPL") before a bare acronym that may be a project ("KESTREL project scientist");
    # an organisation's acronym beside a parenthesis before a titled name
    ("employer_and_project", "every depth we tried", "Rosa Linde", "NPL"),
    ("british_employer_and_project", "every depth we tried", "Rosa Linde", "NPL"),
    ("employer_and_project", "fund the next stage", "Ilse Moreau", "VESTA"),
    ("british_employer_and_project", "fund the next stage", "Ilse Moreau", "VESTA"),
    ("employer_and_project", "fleets need this data", "Kenji Sato", "MAFF"),
    ("british_employer_and_project", "fleets need this data", "Kenji Sato", "MAFF"),
    ("employer_and_project", "came back dry", "Tomas Berg", "GEM Aerospace"),
    ("british_employer_and_project", "came back dry", "Tomas Berg", "GEM Aerospace"),
    # an organisation described in lower case is its own affiliation; a group belongs to the one named in it
    ("organisations_in_lower_case", "under close watch", "health watchdog", "health watchdog"),
    ("british_organisations_in_lower_case", "under close watch", "health watchdog", "health watchdog"),
    ("organisations_in_lower_case", "sending tanker trucks", "office of the regional governor",
     "office of the regional governor"),
    ("british_organisations_in_lower_case", "sending tanker trucks", "office of the regional governor",
     "office of the regional governor"),
    ("organisations_in_lower_case", "working normally", "senior Larkfield executives", "Larkfield"),
    ("british_organisations_in_lower_case", "working normally", "senior Larkfield executives", "Larkfield"),
    # a coach or a player belongs to their team, named before their position in it
    ("sports_team_members", "never stopped running", "Ffion Price", "Welsh women’s rugby team"),
    ("british_sports_team_members", "never stopped running", "Ffion Price", "Welsh women’s rugby team"),
    ("sports_team_members", "owed the fans", "Dele Ajayi", "Rovers team"),
    ("british_sports_team_members", "owed the fans", "Dele Ajayi", "Rovers team"),
    # an acronym is spelt out by the words before it in parentheses, small words between them left out
    ("acronym_spelt_with_small_words", "breathe easier", "Mary Doyle", "Fund for Children with Asthma"),
    ("british_acronym_spelt_with_small_words", "breathe easier", "Mary Doyle", "Fund for Children with Asthma"),
    ("acronym_spelt_with_small_words", "empty warehouse", "Alan Brooke", "Housing and Urban Renewal"),
    ("british_acronym_spelt_with_small_words", "empty warehouse", "Alan Brooke", "Housing and Urban Renewal"),
    # a name, then an organisation word in lower case, before a title: "Harper campaign spokesman"
    ("organisation_in_lower_case_before_title", "nothing to hide", "Leo Grant", "Harper campaign"),
    ("british_organisation_in_lower_case_before_title", "nothing to hide", "Leo Grant", "Harper campaign"),
    ("organisation_in_lower_case_before_title", "Every cell", "Alice Webb", "Justice ministry"),
    ("british_organisation_in_lower_case_before_title", "Every cell", "Alice Webb", "Justice ministry"),
    # a unit named after a comma goes on with where and whose it is: "Directorate at the ... Agency", "NOVA's"
    ("units_after_a_comma", "every state", "Nora Blake", "Federal Research Agency"),
    ("british_units_after_a_comma", "every state", "Nora Blake", "Federal Research Agency"),
    ("units_after_a_comma", "open the labs", "Ian Holt", "Deep Field Laboratory"),
    ("british_units_after_a_comma", "open the labs", "Ian Holt", "Deep Field Laboratory"),
    # where a role is held after what it is for ("project scientist for Kestrel at Caltech"); a role's head
    # the tagger read as an adjective ("program executive at")
    ("role_for_project_at_site", "exactly what we hoped", "Mara Quist", "Caltech"),
    ("british_role_for_project_at_site", "exactly what we hoped", "Mara Quist", "Caltech"),
    ("role_for_project_at_site", "signed off the budget", "Owen Pike", "NASA Headquarters"),
    ("british_role_for_project_at_site", "signed off the budget", "Owen Pike", "NASA Headquarters"),
    # a relative clause that goes on from an apposition ("a glaciologist who leads ... at the Institute")
    ("relative_clause_after_apposition", "a metre overnight", "Nina Holm", "Arctic Research Institute"),
    ("british_relative_clause_after_apposition", "a metre overnight", "Nina Holm", "Arctic Research Institute"),
    # a co-author of the study belongs to where the article's one research team is from
    ("member_of_the_research_team", "found gravel", "Ana Pires", "University of Leeds"),
    ("british_member_of_the_research_team", "found gravel", "Ana Pires", "University of Leeds"),
    # an organisation's name goes on over "and" to its organisation word: not "Wildlife Service" alone
    ("organisation_name_with_and", "closed until further notice", "National Parks and Wildlife Service",
     "National Parks and Wildlife Service"),
    ("british_organisation_name_with_and", "closed until further notice", "National Parks and Wildlife Service",
     "National Parks and Wildlife Service"),
    # an organisation by the short name of one the article names in full, where an employer stands ("at Kestrel")
    ("organisation_by_short_name", "crucial for every observation", "Ruth Adair", "Kestrel Space Flight Centre"),
    ("british_organisation_by_short_name", "crucial for every observation", "Ruth Adair",
     "Kestrel Space Flight Centre"),
    # organisation words in the plural ("Laboratories", "Services") name organisations too
    ("plural_organisation_words", "kept their charge", "Sofia Berg", "Northern Research Laboratories"),
    ("british_plural_organisation_words", "kept their charge", "Sofia Berg", "Northern Research Laboratories"),
    ("plural_organisation_words", "under review", "United States Citizenship and Immigration Services",
     "United States Citizenship and Immigration Services"),
    ("british_plural_organisation_words", "under review", "United States Citizenship and Immigration Services",
     "United States Citizenship and Immigration Services"),
    # a name in the clause another quote's cue reports is reported, not the next quote's speaker
    ("name_inside_reported_clause", "the forty families", "Helen Marr", None),
    ("british_name_inside_reported_clause", "the forty families", "Helen Marr", None),
    ("organisation_speaks", "until the morning", "long-time commuter", None),  # a whole hyphenated word
    ("british_organisation_speaks", "until the morning", "long-time commuter", None),
    # "the 34-year-old", "the Norwegian": the person the article has just named (its subject, not the club
    # they came from)
    ("later_descriptions", "play anywhere else", "Tom Hart", None),
    ("british_later_descriptions", "play anywhere else", "Tom Hart", None),
    ("later_descriptions", "feels like home now", "Ingrid Solberg", None),
    ("british_later_descriptions", "feels like home now", "Ingrid Solberg", None),
    # "he" with nobody known to be a person before it: the one-word name that was the subject
    ("pronoun_after_lone_name", "We start tomorrow", "Marlow", None),
    ("british_pronoun_after_lone_name", "We start tomorrow", "Marlow", None),
    # a place after a preposition is where the speaker is, not who: "police in downtown Leeds", not Leeds
    ("place_after_speaker", "passed off peacefully", "police in downtown Leeds", None),
    ("british_place_after_speaker", "passed off peacefully", "police in downtown Leeds", None),
    # a description, then the name set off by a comma: the name is the speaker, the description its role
    ("name_after_description", "It punishes the people", "Omar Saleh", None),
    ("british_name_after_description", "It punishes the people", "Omar Saleh", None),
    ("name_after_description", "a day longer", "Hannah Meyer", None),
    ("british_name_after_description", "a day longer", "Hannah Meyer", None),
    ("name_after_description", "ferry runs all year", "Priya Raman", "Airbus"),  # "..., Priya Raman of Airbus."
    ("british_name_after_description", "ferry runs all year", "Priya Raman", "Airbus"),
    # a country's body in lower case is named by the whole phrase; an acronym that speaks, in full
    ("country_bodies_and_acronyms", "no threat to the residents", "Russia's health watchdog", "Russia's health watchdog"),
    ("british_country_bodies_and_acronyms", "no threat to the residents", "Russia's health watchdog",
     "Russia's health watchdog"),
    ("country_bodies_and_acronyms", "destroyed under supervision", "Norway's food safety authority", None),
    ("british_country_bodies_and_acronyms", "destroyed under supervision", "Norway's food safety authority", None),
    ("country_bodies_and_acronyms", "appears to be low", "World Health Organization", "World Health Organization"),
    ("british_country_bodies_and_acronyms", "appears to be low", "World Health Organization",
     "World Health Organization"),
    # "...; the following year, Premier Anna Berg said": the name before the cue, not the clause before's "He"
    ("time_phrase_before_name", "jailed three times over", "Anna Berg", None),
    ("british_time_phrase_before_name", "jailed three times over", "Anna Berg", None),
    # words between a quote and a later cue that hold a clause's verb are no speaker ("... and has sought to limit
    # more demanding rules")
    ("clause_between_quote_and_cue", "light-touch", "Harbour City Council", None),
    ("british_clause_between_quote_and_cue", "light-touch", "Harbour City Council", None),
    # "Connie Marsh of Halvorsen": a person's name, "of" and one name that is no place: who they work for
    ("person_of_unmarked_employer", "repair satellites", "Connie Marsh", "Halvorsen"),
    ("british_person_of_unmarked_employer", "repair satellites", "Connie Marsh", "Halvorsen"),
    ("person_of_unmarked_employer", "hardest part works", "Justin Pereira", "Airbus"),
    ("british_person_of_unmarked_employer", "hardest part works", "Justin Pereira", "Airbus"),
    # "Charles “Chuck” Whitaker", "Margaret (Maggie) Dunmore": the fullest name, not the surname alone
    ("nicknames", "fell into place", "Charles Whitaker", None),
    ("british_nicknames", "fell into place", "Charles Whitaker", None),
    ("nicknames", "proud of every person", "Margaret Dunmore", None),
    ("british_nicknames", "proud of every person", "Margaret Dunmore", None),
    # capitalised title words, the person's name (a surname that is an organisation word's plural), "of" the employer
    ("title_name_of_employer", "committed to acquiring data", "Maria Banks", "Halvorsen Space Institute"),
    ("british_title_name_of_employer", "committed to acquiring data", "Maria Banks", "Halvorsen Space Institute"),
    # an organisation before a title word qualifies the title ("Hal Moreno, Halvorsen Earth Science Division
    # scientist"): the person it describes speaks, not it
    ("organisation_in_a_title", "flown scientists", "Hal Moreno", "Halvorsen Earth Science Division"),
    ("british_organisation_in_a_title", "flown scientists", "Hal Moreno", "Halvorsen Earth Science Division"),
    # "according to the RGS": an acronym after "the", or spelt out as an organisation, is that organisation
    ("acronym_speaker", "outstanding achievement", "Royal Geographical Society", "Royal Geographical Society"),
    ("british_acronym_speaker", "outstanding achievement", "Royal Geographical Society", "Royal Geographical Society"),
    # "Acme chief executive Jane Roe": a name before a lower-case title is the person's organisation
    ("organisation_before_title", "enough passengers", "Jane Roe", "Acme"),
    ("british_organisation_before_title", "enough passengers", "Jane Roe", "Acme"),
]

# (article, words of the quote, the speaker's role as the article gives it; None: the record has none)
ROLE_CASES = [
    ("profile_introduced_earlier", "comes back higher", "hydrologist"),  # from the apposition two paragraphs up
    ("british_profile_introduced_earlier", "a second look", "director"),  # "the institute's new director, Samuel Okoro"
    ("acronym_affiliation", "Every drawer in this room", "collections manager"),  # "NSCT collections manager"
    ("british_predicate_and_chained_roles", "three weeks later", "hydrologist"),  # "Ruth Calder is a hydrologist"
    ("organisation_speaks", "Nobody answered the phone", None),  # "who commutes to the mainland": no job
    ("british_relation_and_title_before_name", "nobody locks a door", "procurator fiscal"),
    ("relation_and_title_before_name", "let the family sleep again", None),  # "brother": a relation, no job
    ("title_run_and_works_as", "every container", "undersecretary"),  # not "Transport Ministry Undersecretary"
    ("relation_and_title_before_name", "closed ranks", "detective inspector"),
    ("british_title_run_and_works_as", "paperwork, not smuggling", "inspector"),
    ("name_after_description", "a day longer", "spokeswoman"),  # "said a spokeswoman for the council, Hannah Meyer"
    ("who_leads_a_named_project", "first core runs", "kestrel lead"),  # "who leads KESTREL at the ..."
    ("british_who_leads_a_named_project", "first core runs", "kestrel lead"),
    ("who_leads_a_named_project", "watch the test online", None),  # "who leads outreach efforts": no named post
    ("british_who_leads_a_named_project", "watch the test online", None),
    ("title_name_of_employer", "committed to acquiring data", "deputy project scientist"),  # "LRO Deputy Project ..."
]

# The whole wording of quotations in either house style: an apostrophe (it’s, the Joneses’ house, rock
# 'n' roll, '90s) neither ends nor opens one, a quotation nested in the other style's marks stays inside,
# and a quote opened with one kind of mark and closed with another (straight and curly, two apostrophes,
# a double mark) is whole. A quote over two paragraphs is one record, as in double style.
QUOTE_TEXTS = [
    ("british_apostrophes_curly", "It’s the Joneses’ house I worry about, they’ve lost everything downstairs"),
    ("british_apostrophes_straight",
     "We've had rock 'n' roll nights, the '90s quiz craze and two royal weddings in here"),
    ("british_apostrophes_straight", "Dad's regulars are the Hargreaves' real family, but I can't do the hours"),
    ("british_possessive_before_quote", "most wanted"),
    ("british_possessive_before_quote", "He was sitting in a cafe reading an English newspaper"),
    ("british_mixed_marks", "We simply do not have the passengers in January"),
    ("british_mixed_marks", "They've cut the service three winters running"),
    ("british_nested_double", "When the children told me “we can’t put them down”, I knew we had to act"),
    ("british_colon_next_paragraph", "This has been the hardest decision of my career. We will do everything we can to "
                                     "find roles elsewhere in the business for the colleagues affected."),
    ("british_continued_paragraphs", "For too long people who want to cycle to work have been put off by busy roads. "
                                     "These lanes will make the journey safer for everyone. We expect the first of them "
                                     "to open before Easter."),
    ("double_apostrophes_nested_single",
     "We've listened to the Smiths' concerns and the 'noise diary' they kept all summer"),
    ("double_possessive_before_quote", "a lesson for all of us"),
    ("double_fragments_in_one_clause", "a reckless gamble"),
    ("double_fragments_in_one_clause", "leave the town with nothing to show for it"),
    ("double_fragments_in_one_clause", "We have been here before and we lost."),
    ("double_fragments_in_one_clause", "the best we will see"),
    ("british_fragments_in_one_clause", "a betrayal"),
    ("british_fragments_in_one_clause", "trusted the trust to listen"),
    ("british_fragments_in_one_clause", "Nobody came to see the school before they voted."),
    ("british_fragments_in_one_clause", "no longer safe"),
]


# a long quoted stretch that ends a sentence is somebody's words even when no cue says whose (a ruling,
# a report): a quotation with no speaker; a short quoted term with no cue is none
UNATTRIBUTED_STATEMENTS = [
    ("double_unattributed_statement", "in a manner that no reasonable employer could have thought fair", "flexible"),
    ("british_unattributed_statement", "went unread on a desk in the council offices", "garden village"),
]
# titles of projects in a list, however long, are no quotations
PROJECT_TITLES = ["double_project_titles", "british_project_titles"]


# a short quoted term in a clause of opinion ("believes the plan is “bonkers”") is no quotation, even with a
# cue nearby in another clause ("though few have said so"); a fragment of what someone said is one
OPINION_TERMS = ["opinion_terms", "british_opinion_terms"]


@pytest.fixture(scope="module")
def results():
    names = {case[0] for case in CASES + QUOTE_TEXTS + ROLE_CASES + UNATTRIBUTED_STATEMENTS} | set(PROJECT_TITLES) \
        | set(OPINION_TERMS)
    return {name: extract((ARTICLES / f"{name}.txt").read_text(encoding="utf-8"), name) for name in sorted(names)}


@pytest.mark.parametrize("article, words, speaker, affiliation", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_quote_gets_its_speaker(results, article, words, speaker, affiliation):
    quote = next((q for q in results[article]["quotes"] if words in q["text"]), None)
    assert quote is not None, [q["text"] for q in results[article]["quotes"]]
    assert same_name((quote["speaker"] or {}).get("name"), speaker), quote
    assert quote["speaker"]["named"] == speaker[:1].isupper(), quote  # a name, or a description
    if affiliation is not None:
        assert same_name((quote["affiliation"] or {}).get("name"), affiliation), quote


@pytest.mark.parametrize("article, words, role", ROLE_CASES, ids=[f"{c[0]}:{c[1]}" for c in ROLE_CASES])
def test_quote_gets_its_speakers_role(results, article, words, role):
    quote = next(q for q in results[article]["quotes"] if words in q["text"])
    if role is None:
        assert quote["role"] is None, quote
    else:
        assert quote["role"] is not None and role in quote["role"].lower(), quote


@pytest.mark.parametrize("article, wording", QUOTE_TEXTS, ids=[f"{c[0]}:{c[1][:30]}" for c in QUOTE_TEXTS])
def test_quote_has_its_whole_wording(results, article, wording):
    texts = [q["text"] for q in results[article]["quotes"] if q["kind"] != "indirect"]
    assert wording in texts, texts


def test_no_quotation_is_found_in_a_scare_quote_or_an_apostrophe(results):
    """Single marks in double style are apostrophes or nested; the Joneses' "wild meadow" is a term."""
    texts = [q["text"] for q in results["double_possessive_before_quote"]["quotes"] if q["kind"] != "indirect"]
    assert texts == ["We stopped mowing three years ago and the bees came back", "a lesson for all of us"], texts


@pytest.mark.parametrize("article, statement, term", UNATTRIBUTED_STATEMENTS, ids=[c[0] for c in UNATTRIBUTED_STATEMENTS])
def test_a_long_quoted_statement_without_cue_is_a_quotation_with_no_speaker(results, article, statement, term):
    quotes = [q for q in results[article]["quotes"] if q["kind"] != "indirect"]
    assert [(statement in q["text"], q["speaker"]) for q in quotes] == [(True, None)], quotes
    assert not any(term in q["text"] for q in quotes)


@pytest.mark.parametrize("article", PROJECT_TITLES)
def test_titles_of_projects_are_no_quotations_however_long(results, article):
    quotes = [q for q in results[article]["quotes"] if q["kind"] != "indirect"]
    assert [q["text"] for q in quotes] == ["Our reviewers had never seen so many strong proposals"], quotes


def test_whose_murder_an_investigator_investigates_is_no_affiliation(results):
    quote = next(q for q in results["relation_and_title_before_name"]["quotes"] if "closed ranks" in q["text"])
    assert same_name(quote["speaker"]["name"], "Neil Ross") and quote["affiliation"] is None, quote


@pytest.mark.parametrize("article", ["organisations_in_lower_case", "british_organisations_in_lower_case"])
def test_a_team_that_speaks_is_no_organisation_and_an_organisation_no_role(results, article):
    team = next(q for q in results[article]["quotes"] if "unfit to drink" in q["text"])
    assert same_name(team["speaker"]["name"], "the team") and team["affiliation"] is None, team
    office = next(q for q in results[article]["quotes"] if "tanker trucks" in q["text"])
    assert office["role"] is None, office


@pytest.mark.parametrize("article", ["namesakes_and_unnamed", "british_namesakes_and_unnamed"])
def test_a_pronoun_nothing_resolves_is_the_speaker_as_written(results, article):
    """"“Nobody saw it coming,” she admitted." with nobody before it: the record says "she", unnamed, a person;
    not a word of the headline."""
    text = (ARTICLES / f"{article}.txt").read_text(encoding="utf-8")
    quote = next(q for q in results[article]["quotes"] if "Nobody saw it coming" in q["text"])
    speaker = quote["speaker"]
    assert (speaker["name"], speaker["type"], speaker["named"]) == ("she", "person", False), quote
    assert text[speaker["start"]:speaker["end"]] == "she", speaker


@pytest.mark.parametrize("article", ["namesakes_and_unnamed", "british_namesakes_and_unnamed"])
def test_an_organisation_that_speaks_is_an_organisation(results, article):
    types = {q["speaker"]["name"]: q["speaker"]["type"] for q in results[article]["quotes"] if q["speaker"]}
    assert types["the club"] == types["the ministry"] == "organization", types


def test_no_dateline_or_headline_word_is_a_speaker(results):
    names = {s["name"].lower() for s in results["dateline_headline"]["speakers"]}
    assert not names & {"lisbon", "port authority halts night shipments"}, names


def test_he_after_a_paragraph_that_introduced_a_man_is_resolved_to_him(results):
    # the pronoun itself goes to him (the hand rule found nobody: he is not a subject, she is a woman)
    quote = next(q for q in results["pronoun_after_man_introduced"]["quotes"] if "Our members" in q["text"])
    assert quote["speaker"]["mention"] == "he" and same_name(quote["speaker"]["name"], "Daniel Reyes"), quote


def test_a_quote_after_he_is_given_to_him_at_he(results):
    """The model chooses the person; the mention is the "he" nearest the quote that means him, not his name earlier."""
    text = (ARTICLES / "pronoun_before_colon_quote.txt").read_text(encoding="utf-8")
    quote = next(q for q in results["pronoun_before_colon_quote"]["quotes"] if "numbers do not add up" in q["text"])
    assert quote["speaker"]["start"] == text.index("he was blunt"), quote


def test_descriptions_by_title_are_no_new_speakers(results):
    names = sorted(s["name"] for s in results["title_description"]["speakers"])
    assert names == ["Maria Lindqvist", "Ruth Okafor", "Tom Price"], names


def test_titles_are_spelt_out_and_found_before_the_name(results):
    """"Sen. Tom Price" is a senator; "the company's chief executive, Maria Lindqvist" a chief executive."""
    roles = {s["name"]: s["role"] for s in results["title_description"]["speakers"]}
    assert roles == {"Tom Price": "senator", "Ruth Okafor": "senator", "Maria Lindqvist": "chief executive"}, roles


@pytest.mark.parametrize("article", OPINION_TERMS)
def test_terms_of_an_opinion_are_no_quotations(results, article):
    quotes = [q for q in results[article]["quotes"] if q["kind"] != "indirect"]
    assert [(q["text"], q["speaker"]["name"]) for q in quotes] == [("completely open", "Sara Lin")], quotes
