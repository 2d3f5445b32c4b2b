project = "دفتر ملاحظات"
author = "ليلى"
language = "ar"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://daftar.example.org/"
blog_feed_archives = True
notebook_timezone = "Africa/Cairo"
