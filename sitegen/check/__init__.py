"""Checking: the arithmetic and rules of one post, the checks across posts, photos, and
reading plus checking a whole site (over all cores when it is large).
"""
