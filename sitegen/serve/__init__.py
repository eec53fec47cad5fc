"""`sitegen serve`: build, serve, watch, rebuild, reload the browser; and what it
answers, to this computer's pages only.
"""
