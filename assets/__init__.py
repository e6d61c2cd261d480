"""Files that ship with graphviz-app: sample images, the text corpus, example graphs, icons.

Installed as the package ``graphviz_assets``; read them with :func:`engine.resources.asset`.
"""
