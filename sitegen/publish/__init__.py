"""Publishing a built site: deploy to a folder, FTP(S) or SFTP; a zip for control panels;
one post as HTML for a CMS portal.
"""
