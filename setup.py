"""What pyproject.toml cannot say: `resources/` (at the repository root) ships as the package data
`editor/resources/` of the wheel. Everything else is in pyproject.toml; see docs/install.md."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources"],
    package_dir={"editor.resources": "resources"},
)
