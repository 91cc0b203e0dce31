"""Every named route the project serves, read from the URL resolver itself."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_routes(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """Return the names of all routes, `namespace:name`, walking every include."""
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            prefix = f"{namespace}{inner}:" if inner else namespace
            names |= named_routes(pattern, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def named_patterns(
    resolver: URLResolver | None = None, namespace: str = ""
) -> dict[str, URLPattern]:
    """Return every named route's pattern, keyed `namespace:name`, walking every include.

    The API matrix reads the view (which methods it declares) and the path's converters (whether
    the route takes an id) from them.
    """
    patterns: dict[str, URLPattern] = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            patterns |= named_patterns(pattern, f"{namespace}{inner}:" if inner else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            patterns[f"{namespace}{pattern.name}"] = pattern
    return patterns
