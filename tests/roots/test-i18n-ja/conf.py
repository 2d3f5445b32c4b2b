project = "数学ノート"
author = "山田花子"
language = "ja"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
blog_baseurl = "https://notes.example.jp/"
blog_feed_archives = True
notebook_timezone = "Asia/Tokyo"
