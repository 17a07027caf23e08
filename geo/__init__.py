"""geo — a geospatial incident mapper: documents in, a map of what happened where and when out.

The pipeline, one module a stage: :mod:`geo.documents` → :mod:`geo.geoparse`
(with :mod:`geo.gazetteer`) → :mod:`geo.incidents` → :mod:`geo.layers` →
:mod:`geo.export` and :mod:`geo.maps`. :func:`geo.pipeline.run` runs them all.

Documentation: README.md and docs/.
"""
__version__ = "0.1.0"
