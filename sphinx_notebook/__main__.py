"""``python -m sphinx_notebook`` runs the command-line tool."""

from sphinx_notebook.cli import main

raise SystemExit(main())
