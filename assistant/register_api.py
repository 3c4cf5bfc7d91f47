"""`GET /api/recommendations`: the register over REST, with the CLI's filters and the same auth as other reads."""

# no `from __future__ import annotations`: FastAPI must see the Depends(current_user) object itself

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import PlainTextResponse

from assistant.errors import InvalidRequestError
from assistant.register import RegisterFilters, find_entries, to_csv


def add_register_routes(router: APIRouter, services, current_user) -> None:
    """Called once from ``build_router`` with its signed-in-user dependency."""

    @router.get("/recommendations", summary="List the recommendations register (one entry per recommendation, with its sources)",
                responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"},
                           422: {"description": "A malformed date"}})
    def get_recommendations(
        user: Annotated[Any, Depends(current_user)],
        theme: Annotated[str | None, Query(description="Only this theme, or 'other'")] = None,
        doc: Annotated[str | None, Query(description="Only those stated in this document (doc id or file name)")] = None,
        owner: Annotated[str | None, Query(description="Only those whose owner contains these words")] = None,
        since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD)")] = None,
        until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD)")] = None,
        search: Annotated[str | None, Query(description="Containing all these words")] = None,
        format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",  # noqa: A002
    ):
        try:
            filters = RegisterFilters(theme=theme, doc=doc, owner=owner, since=since, until=until, search=search)
        except InvalidRequestError as exc:
            raise HTTPException(422, str(exc)) from None
        entries = find_entries(services.register, services.store, filters)
        if format == "csv":
            return PlainTextResponse(to_csv(entries), media_type="text/csv",
                                     headers={"Content-Disposition": 'attachment; filename="recommendations.csv"'})
        return {"count": len(entries), "recommendations": [e.public() for e in entries]}
