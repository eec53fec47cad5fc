"""The editor behind `serve`'s /_soan-bai/: a post read into a form and written back
(postfile.py), a draft checked as it is typed (drafting.py), the only writes into
content/ (saving.py), and who may ask for them (guard.py)."""
