"""A real headless Chromium (Debian's, driven by Selenium): log in, dashboard, scan, export."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from kiosk_hub.app import create_app
from kiosk_hub.auth import add_user
from kiosk_hub.catalogue import ReportNames
from kiosk_hub.ingest import ingest_texts
from kiosk_hub.settings import HubSettings
from tests.helpers.hub_helpers import COMMUNE, FakeKiosk, enroll_kiosk
from tests.helpers.voice_packs import make_pack

KIOSK = FakeKiosk("browser")


@pytest.fixture
def hub_server(tmp_path: Path, catalogue: ReportNames) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app(HubSettings(tmp_path / "hub", database_url=url), catalogue)
    ctx = app.state.hub
    enroll_kiosk(ctx, KIOSK)
    with ctx.database.transaction() as s:
        add_user(s, "tinh", "province-pass", "province", None)
        texts = [KIOSK.text(n, learner_ref=f"{n:016x}", lessons=(101, 102)) for n in range(1, 6)]
        ingest_texts(s, texts, channel="network", catalogue=catalogue, now=ctx.clock())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="hub-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_log_in_see_dashboard_scan_a_slip_and_export(
    hub_server: str, browser: webdriver.Chrome
) -> None:
    browser.get(hub_server + "/")
    assert browser.current_url.endswith("/login")
    browser.find_element(By.ID, "name").send_keys("tinh")
    browser.find_element(By.ID, "password").send_keys("province-pass")
    browser.find_element(By.ID, "login").click()
    # Wait for what the person waits for (the next page), not a fixed time: under load the
    # click returns before the dashboard has replaced the login page.
    wait = WebDriverWait(browser, 30)
    wait.until(lambda b: b.find_elements(By.ID, "total-learners"))
    assert browser.find_element(By.ID, "total-learners").text == "5"
    assert browser.find_element(By.ID, "total-completions").text == "10"
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-commune="{COMMUNE}"]')
    assert "Điện Biên Phủ" in row.text and "10" in row.text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect")
    bar = row.find_element(By.CSS_SELECTOR, "svg.bar rect")  # drawn under the strict CSP
    assert bar.size["width"] > 50

    browser.get(hub_server + "/scan")
    field = browser.find_element(By.ID, "slip-text")
    assert browser.switch_to.active_element == field  # ready for the USB scanner
    field.send_keys(KIOSK.text(9, learner_ref="00000000000000ff", lessons=(201,)), Keys.ENTER)
    wait.until(lambda b: "Đã nhận phiếu" in b.find_element(By.ID, "scan-results").text)
    result = browser.find_element(By.ID, "scan-results").text
    assert "Đã nhận phiếu" in result and "Lò Văn Minh" in result

    browser.get(hub_server + "/")
    assert browser.find_element(By.ID, "total-completions").text == "11"
    link = browser.find_element(By.ID, "export-summary-csv").get_attribute("href")
    csv_text = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done, e => done('ERROR ' + e));",
        link,
    )
    lines = csv_text.lstrip("\ufeff").splitlines()
    assert lines[0] == "commune_code,commune,target_group,track,completions"
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == 11


def test_province_staff_upload_a_voice_pack_from_the_browser(
    hub_server: str, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    first, forged = tmp_path / "hmn-v1.hocso-voice", tmp_path / "hmn-v2.hocso-voice"
    first.write_bytes(make_pack(KIOSK.key, "hmn", 1))
    forged.write_bytes(make_pack(KIOSK.key, "hmn", 2, tamper="manifest"))
    browser.get(hub_server + "/login")
    browser.find_element(By.ID, "name").send_keys("tinh")
    browser.find_element(By.ID, "password").send_keys("province-pass")
    browser.find_element(By.ID, "login").click()
    wait = WebDriverWait(browser, 30)
    wait.until(lambda b: b.find_elements(By.ID, "total-learners"))
    browser.find_element(By.LINK_TEXT, "Giọng đọc").click()
    wait.until(lambda b: b.find_elements(By.ID, "no-voice-packs"))
    for pack, answer in ((first, "voice-done"), (forged, "voice-error")):
        browser.find_element(By.ID, "voice-pack").send_keys(str(pack))
        browser.find_element(By.CSS_SELECTOR, "#voice-pack + button").click()
        wait.until(lambda b, found=answer: b.find_elements(By.ID, found))  # type: ignore[misc]
    assert "Chữ ký của gói không khớp" in browser.find_element(By.ID, "voice-error").text
    table = browser.find_element(By.CSS_SELECTOR, 'table.voice-packs[data-lang="hmn"]')
    assert "Dữ liệu thử" in table.text and KIOSK.key.key_id in table.text
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 1
    assert "Tiếng Mông (hmn)" in browser.page_source  # named as learners know it
