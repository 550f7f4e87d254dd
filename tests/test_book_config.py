"""The book's Sphinx extension: launch buttons when the repository is public, never a CDN."""

import importlib.util
import types

from conftest import ROOT


def load_ext():
    spec = importlib.util.spec_from_file_location("dmnlab_book", ROOT / "book/_ext/dmnlab_book.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_launch_buttons_follow_the_repository(monkeypatch):
    ext = load_ext()
    cfg = types.SimpleNamespace(html_theme_options={"home_page_in_toc": True})
    monkeypatch.setenv("DMNLAB_REPOSITORY_URL", "git@github.com:example-org/default-mode.git")
    monkeypatch.setenv("DMNLAB_JUPYTERHUB_URL", "https://hub.example.edu")
    ext._launch_buttons(cfg)
    opts = cfg.html_theme_options
    assert opts["repository_url"] == "https://github.com/example-org/default-mode"
    assert opts["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert opts["launch_buttons"]["jupyterhub_url"] == "https://hub.example.edu"
    assert opts["path_to_docs"] == "book" and opts["home_page_in_toc"] is True


def test_no_launch_buttons_without_a_public_repository(monkeypatch):
    ext = load_ext()
    monkeypatch.setenv("DMNLAB_REPOSITORY_URL", "file:///somewhere/local")
    cfg = types.SimpleNamespace(html_theme_options={})
    ext._launch_buttons(cfg)
    assert "launch_buttons" not in cfg.html_theme_options
