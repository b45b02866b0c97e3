"""Point-in-polygon for matching a shared location to a micro-grid.

Why hand-written: the roster's polygons are small rings of [lon, lat] points inside one city,
so the even-odd ray cast on plain coordinates is exact enough and needs no GIS dependency.
"""

from __future__ import annotations

from collections.abc import Sequence


def contains(polygon: Sequence[Sequence[float]], lon: float, lat: float) -> bool:
    """True when (lon, lat) lies inside the ring (closed or not); points on an edge count as inside."""
    n = len(polygon)
    if n < 3:
        return False
    inside = False
    j = n - 1
    for i in range(n):
        xi, yi = polygon[i][0], polygon[i][1]
        xj, yj = polygon[j][0], polygon[j][1]
        if _on_segment(xi, yi, xj, yj, lon, lat):
            return True
        if (yi > lat) != (yj > lat):
            x_cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def _on_segment(x1: float, y1: float, x2: float, y2: float, px: float, py: float) -> bool:
    cross = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1)
    if abs(cross) > 1e-12:
        return False
    return min(x1, x2) - 1e-12 <= px <= max(x1, x2) + 1e-12 and min(y1, y2) - 1e-12 <= py <= max(y1, y2) + 1e-12
