"""Archive analysis: many reports into one SQLite database, then a report people read.

``batch`` walks folders, analyses each document in worker processes (or on a
dask cluster) and the parent alone writes results, one transaction per
document; ``report`` turns the database into an HTML page or JSON figures.
"""
