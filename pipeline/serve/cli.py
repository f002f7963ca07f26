"""``report-lint serve``: start the local page and the LanguageTool-compatible endpoint."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser

import click

from pipeline.cli import build_options

MISSING = ("report-lint serve 需要安装网页组件：pip install 'report-lint[serve]'"
           " / the serve extra is not installed")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, opened here so a busy port is one clear line and ``--port 0`` picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise click.ClickException(f"无法在 {host}:{port} 启动（{exc.strerror or exc}），"
                                   f"可能端口已被占用，请换用 --port / cannot listen on {host}:{port}") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只允许本机访问 / address to listen on (loopback by default)")
@click.option("--port", type=int, default=8765, show_default=True, help="端口（0 表示任选空闲端口） / port")
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面 / open the page in a browser")
@click.option("--max-size", type=float, default=None, help="单个文件上限（MB，默认 10） / max input size in MB")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="指定 setup.cfg / use this setup.cfg")
def serve(host, port, open_browser, max_size, config_path):
    """启动本机网页：粘贴或上传材料即可检查；另提供 LanguageTool 兼容接口 /v2/check / local page and API."""
    try:
        import python_multipart  # noqa: F401  (Starlette needs it for uploads)
        import uvicorn

        from pipeline.serve.app import create_app
    except ImportError as exc:
        raise click.ClickException(f"{MISSING}（{exc.name}）") from exc
    from pipeline.serve.checker import Checker

    opts = build_options([], config_path, max_size=max_size)
    for w in opts.warnings:
        click.echo(f"report-lint: 警告 / warning: {w}", err=True)
    sock = bind(host, port)
    loopback = is_loopback(host)
    if not loopback:
        click.echo(f"report-lint: 注意：监听 {host}，同一网络中的其他电脑也能访问本服务，材料会经网络传输"
                   f" / warning: listening beyond this computer", err=True)
    click.echo("正在加载模型…… / loading models…", err=True)
    checker = Checker(opts)
    seconds = checker.warm()
    real_port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{real_port}/"
    click.echo(f"已启动（模型加载 {seconds:.1f} 秒）。请在浏览器中打开 {url} ，按 Ctrl+C 停止。"
               f" / serving {url} (LanguageTool API: {url}v2/check)")
    sys.stdout.flush()
    config = uvicorn.Config(create_app(checker, loopback_only=loopback), log_level="warning",
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down cleanly, then passes Ctrl+C on
        pass
    click.echo("已停止 / stopped")
