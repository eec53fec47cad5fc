"""Writing: the only writer of the output folder, what sitegen owns there, and one writer
per site.
"""
