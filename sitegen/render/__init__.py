"""Rendering: Markdown to clean HTML, Jinja2 pages, photos encoded, every file of the
site made (or kept) and staged for writing.
"""
