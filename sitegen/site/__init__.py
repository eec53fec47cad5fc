"""The site as data: posts grouped by year, tag and unit, the "Kết quả" sentences and
tables, every page as (url, template, context), the search index.
"""
