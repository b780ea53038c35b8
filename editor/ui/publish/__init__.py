"""Leaving Ktav: the export dialog, copy for the CMS, the site settings form."""
