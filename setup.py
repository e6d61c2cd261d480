"""Package list: engine*, graphviz_app*, and assets/ installed as graphviz_assets."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["engine*", "graphviz_app*"]) + ["graphviz_assets"])
