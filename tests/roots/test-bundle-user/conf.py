project = "User values"
extensions = ["sphinx_notebook"]
myst_enable_extensions = ["colon_fence"]
numfig = False
copybutton_prompt_text = ">>> "
