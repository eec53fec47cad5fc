"""Reading a site: files found and decoded, YAML with the position of every key, front
matter typed into the model (posts, meetings, results, units, settings).
"""
