"""Console login: does a presented key open the console (an unrevoked admin key)?"""

from __future__ import annotations

from app.access.scopes import Principal, allows
from app.services import Services

__all__ = ["admin_principal"]


async def admin_principal(services: Services, presented: str) -> Principal | None:
    """The admin principal behind `presented` (the configured bootstrap key or a stored admin key), else None.

    The key store compares in constant time; a read key does not open the console.
    """
    if not presented or services.access is None:
        return None
    principal = await services.access.authenticate(presented)
    return principal if principal is not None and allows(principal.scope, "admin") else None
