"""The web application: the page, its check endpoint, and LanguageTool's ``/v2`` endpoints.

Nothing a user sends is kept: uploads are read in memory (python-multipart spools
parts over 1 MB to a temporary file that is deleted when the request ends), and the
annotated .docx goes back in the same response as the findings.
"""

from __future__ import annotations

from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.serve import languagetool as lt
from pipeline.serve.checker import Checker, CheckError, log_exception

STATIC = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
PAGE_HEADERS = {
    # the page loads only its own files; document text is never markup (see app.js) and this is a second wall
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
STATUS_MESSAGES = {
    404: "没有这个地址，请打开首页 / not found",
    405: "不支持这种请求方式（检查请用 POST） / method not allowed",
    413: "提交的内容过大 / request too large",
}


def static_bytes(name: str) -> bytes:
    return resources.files("pipeline.serve").joinpath("static", name).read_bytes()


def create_app(checker: Checker, loopback_only: bool = True) -> Starlette:
    """The ASGI app around one warm ``Checker``; ``loopback_only`` refuses other Host names (DNS rebinding)."""
    page = static_bytes("index.html").replace(b"{{MAX_BYTES}}", str(checker.max_bytes).encode())
    assets = {name: static_bytes(name) for name in STATIC}
    body_limit = 4 * checker.max_bytes + 64 * 1024  # percent-encoded Chinese takes three times its UTF-8 size

    def failure(request: Request, message: str, status: int) -> Response:
        if request.url.path.startswith("/v2/"):
            return PlainTextResponse(f"Error: {message}", status_code=status, headers=PAGE_HEADERS)
        return JSONResponse({"error": message}, status_code=status, headers=PAGE_HEADERS)

    async def form(request: Request):
        try:
            return await request.form(max_files=1, max_fields=32, max_part_size=body_limit)
        except HTTPException as exc:
            raise CheckError(f"提交的表单无法解析（{exc.detail}） / malformed form data") from exc
        except TooLarge as exc:
            raise CheckError(too_large(exc.size, checker.max_bytes), 413) from exc

    async def index(request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return failure(request, STATUS_MESSAGES[404], 404)
        return Response(assets[name], media_type=STATIC[name], headers=PAGE_HEADERS)

    async def api_check(request: Request) -> Response:
        try:
            fields = await form(request)
            upload = fields.get("file")
            want = {k: str(fields.get(k, "1")) != "0" for k in ("suggest", "docx")}
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read()
                await fields.close()  # a part over 1 MB was spooled to an unnamed temporary file: gone now
                result = await run_in_threadpool(checker.check_upload, data, upload.filename, **want)
            elif isinstance(fields.get("text"), str):
                result = await run_in_threadpool(checker.check_text, fields["text"], **want)
            else:
                raise CheckError("请粘贴文字或选择一个 .txt / .docx 文件 / give text or a file")
        except CheckError as exc:
            return failure(request, str(exc), exc.status)
        except Exception as exc:
            log_exception("check")
            return failure(request, f"检查时出错（{type(exc).__name__}），请把该文件反馈给维护人员"
                                    f" / internal error", 500)
        return JSONResponse(result, headers={"Cache-Control": "no-store"})

    async def v2_check(request: Request) -> Response:
        try:
            fields = dict(request.query_params)
            fields.update({k: v for k, v in (await form(request)).items() if isinstance(v, str)})
            result = await run_in_threadpool(checker.languagetool, fields)
        except (CheckError, lt.ApiError) as exc:
            return failure(request, str(exc), getattr(exc, "status", 400))
        except Exception as exc:
            log_exception("/v2/check")
            return failure(request, f"检查时出错（{type(exc).__name__}） / internal error", 500)
        return JSONResponse(result)

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)

    async def v2_languages(request: Request) -> Response:
        return JSONResponse(lt.languages())

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        return failure(request, STATUS_MESSAGES.get(status, f"请求无效（{status}） / bad request"), status)

    routes = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/static/{name}", static, methods=["GET", "HEAD"]),
        Route("/favicon.ico", no_icon, methods=["GET", "HEAD"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/v2/check", v2_check, methods=["GET", "POST"]),  # LanguageTool answers both
        Route("/v2/languages", v2_languages, methods=["GET", "HEAD"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)] if loopback_only else []
    middleware.append(Middleware(BodyLimit, limit=body_limit))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error})


class TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class BodyLimit:
    """Refuse a request body past ``limit`` bytes: at once when its length is declared, else while it arrives.

    The refusal is raised where the endpoint reads the body, so the endpoint answers it (a 413 in its own
    format: JSON for the page, LanguageTool's plain text under /v2/).
    """

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        seen = int(declared) if declared.isdigit() and int(declared) > self.limit else 0

        async def limited() -> Message:
            nonlocal seen
            if seen > self.limit:  # declared too long: the endpoint answers before a byte of it is read
                raise TooLarge(seen)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(seen)
            return message

        await self.app(scope, limited, send)


def too_large(size: int, max_bytes: int) -> str:
    return (f"提交的内容过大（{size / 1024 / 1024:.1f} MB），单个文件上限 {max_bytes / 1024 / 1024:.0f} MB，"
            f"请拆分后再检查 / request too large")
