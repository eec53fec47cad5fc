"""What lets a rebuild skip work, beside the pipeline: the build memo, check's cache,
digests for page keys, loading caches safely, the cache folder, the paused collector.
"""
