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
