# A blog as ablog's quickstart leaves it, grown for a couple of years:
# alabaster with ablog's sidebars, reST and MyST posts side by side.


project = "Field Notes"
author = "Ada Byron"
copyright = "2023-2024, Ada Byron"

extensions = ["ablog", "myst_parser"]
exclude_patterns = ["_build"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}

html_theme = "alabaster"
html_static_path = ["_static"]
html_title = "Field Notes"
html_sidebars = {
    "**": [
        "about.html",
        "ablog/postcard.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "searchbox.html",
    ]
}
html_theme_options = {
    "description": "Notes from the field",
    "github_user": "adabyron",
    "github_repo": "field-notes",
    "fixed_sidebar": True,
    "show_powered_by": False,
    "sidebar_collapse": True,
}

blog_title = "Field Notes"
blog_baseurl = "https://notes.example.org/"
blog_path = "blog"
blog_authors = {
    "Ada": ("Ada Byron", "https://notes.example.org/about.html"),
    "Charles": ("Charles Babbage", None),
}
blog_default_author = "Ada"
blog_feed_archives = True
blog_feed_fulltext = True
blog_feed_length = 10
blog_post_pattern = "posts/*/*"
post_date_format = "%b %d, %Y"
post_date_format_short = "%b %d"
post_auto_image = 1
fontawesome_included = False
