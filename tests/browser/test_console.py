"""The console (SPEC 8) in a real browser, against a live server, on SQLite and PostgreSQL.

Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (given as the Service's
executable, so Selenium Manager never runs and nothing is downloaded). The data is made over gRPC;
the console finds a customer, reads its profiles, cards, merge graph and feed events, undoes a merge
through its confirmation dialog, accepts one merge candidate and rejects another; every change is then
checked over gRPC. A token without the `review` grant gets a read-only console.

Screenshots of each scenario go to test-artifacts/console/ under the repository's root (kept for CI's
artifacts), with customer-view.png, a full-page view of a customer at a 1280x900 window, for the docs.
Without chromium or chromedriver the tests skip, except under CI, where they fail: scripts/test.sh
installs them (apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import base64
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc import StatusCode as Code
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from loyalty_identity.api.auth import hash_token
from loyalty_identity.api.protos import card_grpc, identifier_grpc, merge_review_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import merge_review_pb as mpb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer
from tests.helpers import (
    EMAIL,
    INSTORE,
    MOBILE,
    TMALL,
    WECHAT,
    WECHAT_ID,
    create,
    expect_error,
    ident,
    profile,
    unique_email,
    unique_mobile,
    update,
)

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "console"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WINDOW = (1280, 900)
WAIT_S = 20
TOKEN, REVIEW_TOKEN = "console-token", "console-review-token"
TOKENS = f"acme sha256:{hash_token(TOKEN)}\nacme sha256:{hash_token(REVIEW_TOKEN)} review"
PENDING = r.MERGE_CANDIDATE_STATE_PENDING
ACCEPTED, REJECTED = r.MERGE_CANDIDATE_STATE_ACCEPTED, r.MERGE_CANDIDATE_STATE_REJECTED


# The browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    missing = [
        name for name, path in (("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER)) if not Path(path).is_file()
    ]
    if missing:
        needed = " and ".join(missing)
        message = f"the console's browser tests need Debian's {needed} (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must prove the console works, never skip it
        pytest.skip(message)
    return CHROMIUM, CHROMEDRIVER


@pytest.fixture
def driver(chromium: tuple[str, str], request: pytest.FixtureRequest) -> Iterator[WebDriver]:
    binary, chromedriver = chromium
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in a container: Chromium's sandbox needs user namespaces
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--lang=en-US",
        "--no-first-run",
        "--disable-background-networking",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The Service's executable is Debian's chromedriver: Selenium Manager is never asked for a driver.
    browser = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield browser
        # No script error may surface in the page (a refused call is a network entry, not a script error).
        errors = [entry for entry in browser.get_log("browser") if entry.get("source") == "javascript"]
        assert not errors, errors
    finally:
        try:
            screenshot(browser, f"{request.node.name}-last")
        finally:
            browser.quit()


@pytest.fixture
def shoot(driver: WebDriver, request: pytest.FixtureRequest) -> Callable[..., Path]:
    """Saves a screenshot named after the test (its backend included) and a step."""
    return lambda step, full=True: screenshot(driver, f"{request.node.name}-{step}", full)


def screenshot(browser: WebDriver, name: str, full: bool = True) -> Path:
    """A PNG in test-artifacts/console/: the page's whole height at the window's width, or the window
    only (a modal dialog stays in the window: a full-page capture would show it out of place)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name.replace('[', '-').replace(']', '')}.png"
    if not full:
        path.write_bytes(browser.get_screenshot_as_png())
        return path
    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


class Console:
    """The console in the browser: what a person does, and what the page shows."""

    def __init__(self, browser: WebDriver, server: RunningServer) -> None:
        assert server.http_port
        self.browser = browser
        self.base = f"http://127.0.0.1:{server.http_port}/"

    def open(self, path: str = "", token: str = "") -> None:
        """Opens the console (a fresh tab session) and answers the token dialog it shows first."""
        self.browser.get(self.base + (f"#/{path}" if path else ""))
        self.wait(lambda: self.dialog_open("token-dialog"), "the token dialog")
        field = self.element("#token-input")
        assert self.browser.switch_to.active_element == field  # the dialog gives the token field the focus
        field.send_keys(token)
        self.element("#token-save").click()
        self.wait(lambda: not self.dialog_open("token-dialog"), "the token dialog to close")

    def wait(self, condition: Callable[[], Any], what: str) -> Any:
        try:
            return WebDriverWait(self.browser, WAIT_S).until(lambda _: condition())
        except TimeoutException:
            error = self.error_text()
            raise AssertionError(f"waited {WAIT_S}s for {what}; error shown: {error!r}") from None

    def element(self, css: str) -> WebElement:
        return self.browser.find_element(By.CSS_SELECTOR, css)

    def elements(self, css: str) -> list[WebElement]:
        return self.browser.find_elements(By.CSS_SELECTOR, css)

    def dialog_open(self, dialog_id: str) -> bool:
        return bool(self.browser.execute_script(f"return document.getElementById('{dialog_id}').open"))

    def access(self) -> str:
        return self.wait(
            lambda: (state := self.element("#access-state").get_attribute("data-access")) != "unknown" and state,
            "the token's grants",
        )

    def status(self) -> str:
        return self.element("#status").text

    def error_text(self) -> str:
        try:
            box = self.element("#error")
        except Exception:
            return ""
        return box.text if box.is_displayed() else ""

    def find(self, id_type: str, value: str, source: str = "Any scope", account: str = "") -> None:
        Select(self.element("#find-type")).select_by_visible_text(id_type)
        Select(self.element("#find-source")).select_by_visible_text(source)
        account_field = self.element("#find-account")
        account_field.clear()
        account_field.send_keys(account)
        field = self.element("#find-value")
        field.clear()
        field.send_keys(value, Keys.ENTER)  # the form submits from the keyboard

    def customer_shown(self, name: str) -> None:
        self.wait(
            lambda: (
                self.element("#customer").get_attribute("data-customer") == name
                and self.element("#customer").get_attribute("aria-busy") is None
            ),
            f"the view of {name}",
        )

    def confirm(self, yes: bool) -> str:
        """Answers the confirmation dialog; returns what it asked."""
        self.wait(lambda: self.dialog_open("confirm-dialog"), "the confirmation dialog")
        asked = self.element("#confirm-dialog").text
        self.element("#confirm-ok" if yes else "#confirm-cancel").click()
        self.wait(lambda: not self.dialog_open("confirm-dialog"), "the confirmation dialog to close")
        return asked

    def status_says(self, text: str) -> str:
        return self.wait(lambda: text in (status := self.status()) and status, f"a status saying {text!r}")


# Data, made over gRPC -----------------------------------------------------------------------


class _Bearer(grpc.UnaryUnaryClientInterceptor):
    """Sends a bearer token with every unary call of a channel."""

    def __init__(self, token: str) -> None:
        self._metadata = (("authorization", f"Bearer {token}"),)

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(details._replace(metadata=(*(details.metadata or ()), *self._metadata)), request)


class Grpc:
    def __init__(self, channel: grpc.Channel) -> None:
        self.ids = identifier_grpc.IdentifierServiceStub(channel)
        self.cards = card_grpc.CardServiceStub(channel)
        self.review = merge_review_grpc.MergeReviewServiceStub(channel)

    def customer(self, name: str) -> r.Customer:
        return self.ids.GetCustomer(pb.GetCustomerRequest(name=name)).customer

    def candidate(self, name: str) -> Any:
        return self.review.GetMergeCandidate(mpb.GetMergeCandidateRequest(name=name))


@pytest.fixture
def connect(start_server: Callable[..., RunningServer]) -> Iterator[Callable[..., tuple[RunningServer, Grpc]]]:
    """Starts a server with the HTTP listener; returns it with gRPC stubs (sending `token` if given)."""
    channels: list[grpc.Channel] = []

    def start(tokens: str = "", token: str = "") -> tuple[RunningServer, Grpc]:
        server = start_server(http_listen="127.0.0.1:0", tokens=tokens)
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        channels.append(channel)
        if token:
            channel = grpc.intercept_channel(channel, _Bearer(token))
        return server, Grpc(channel)

    yield start
    for channel in channels:
        channel.close()


class Ann:
    """A customer known in store by her mobile, with a Gold card, into whom her WeChat customer merged."""

    def __init__(self, api: Grpc) -> None:
        self.mobile, self.openid = unique_mobile(), f"o{uuid.uuid4().hex[:12]}"
        self.customer = create(api.ids, profile(INSTORE, ident(MOBILE, self.mobile)))
        self.wechat = create(api.ids, profile(WECHAT, ident(WECHAT_ID, self.openid), account_id="wx-brand"))
        fmt = r.CardNumberFormat(prefix="88", length=12, method=r.CARD_NUMBER_METHOD_SEQUENTIAL, luhn_check_digit=True)
        series = api.cards.CreateCardSeries(
            cpb.CreateCardSeriesRequest(
                series=r.CardSeries(
                    code="GOLD", name="Gold card", type=r.CARD_TYPE_PHYSICAL, format=fmt, expiry_days=365
                )
            )
        ).series
        [self.card] = api.cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=1)).numbers
        card = r.Identifier(type=r.IDENTIFIER_TYPE_CARD_NUMBER, value=self.card, status_label="ACTIVE")
        update(api.ids, self.customer.name, INSTORE, add=[card])
        merged = update(api.ids, self.wechat.name, WECHAT, account_id="wx-brand", add=[ident(MOBILE, self.mobile)])
        [self.merge] = merged.merges
        assert (self.merge.victim, self.merge.survivor) == (self.wechat.name, self.customer.name)


# Scenarios ----------------------------------------------------------------------------------


def test_find_a_customer_and_read_its_profiles_cards_merge_graph_and_events(connect, driver, shoot) -> None:
    server, api = connect()
    ann = Ann(api)
    # Her Tmall customer too, merged by hand (MergeCustomers: no trigger).
    tmall = create(api.ids, profile(TMALL, ident(r.IDENTIFIER_TYPE_TMALL_UNAME, f"ann_{uuid.uuid4().hex[:6]}")))
    explicit = api.ids.MergeCustomers(pb.MergeCustomersRequest(victim=tmall.name, survivor=ann.customer.name)).merge
    console = Console(driver, server)
    console.open()  # no token: the loopback server answers as org default, with every grant
    assert console.access() == "review"

    # Any scope (FindCustomers): her WeChat openid finds her, the survivor.
    console.find("WECHAT", ann.openid)
    console.customer_shown(ann.customer.name)
    assert ann.customer.name in console.status_says("Found")
    now = api.customer(ann.customer.name)
    assert console.element("#customer-title").text == f"Customer {now.name}"
    profiles = console.elements("#profiles tbody tr")
    assert len(profiles) == len(now.profiles) == 3
    assert [row.find_elements(By.TAG_NAME, "td")[0].text for row in profiles] == ["INSTORE", "WECHAT", "TMALL"]
    assert ann.openid in profiles[1].text and "wx-brand" in profiles[1].text
    assert [row.text.split()[0] for row in console.elements("#cards tbody tr")] == [ann.card]
    assert "ACTIVE" in console.element("#cards tbody tr").text

    # The merge graph: WeChat's customer into Ann, by MOBILE; the table says the same, with the unmerge button.
    node = console.element(f'.merge-graph [data-customer="{ann.wechat.name}"]')
    assert node.text.split()[0] == ann.wechat.name.split("/")[1][:8]
    assert console.element(f'.merge-graph .node.current[data-customer="{ann.customer.name}"]')
    edge = console.element(f'.merge-graph .edge[data-merge="{ann.merge.name}"]')
    assert edge.text.startswith("MOBILE · ")
    row = console.element(f'#merges tr[data-merge="{ann.merge.name}"]')
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[1:3] == [ann.wechat.name, ann.customer.name]
    assert cells[3].startswith(f"MOBILE {ann.mobile}") and "WECHAT/wx-brand" in cells[3]
    assert cells[5] == "standing" and row.find_element(By.CSS_SELECTOR, "button.unmerge").is_enabled()
    assert console.element(f'.merge-graph .edge[data-merge="{explicit.name}"]').text.startswith("explicit · ")
    merges = [row.get_attribute("data-merge") for row in console.elements("#merges tbody tr")]
    assert merges == [explicit.name, ann.merge.name]  # newest first

    # The feed events naming her (or the customer merged into her), newest first.
    kinds = [row.find_elements(By.TAG_NAME, "td")[2].text for row in console.elements("#events tbody tr")]
    assert kinds == [
        "Customers merged",  # Tmall's, by hand
        "Customer created",
        "Identifiers changed",  # WeChat's mobile, which merged it
        "Customers merged",
        "Card changed",
        "Customer created",
        "Customer created",
    ]
    driver.execute_script("document.activeElement.blur()")
    screenshot(driver, "customer-view")  # the clean one, for the docs

    # The card number finds its holder whatever the scope; a scoped miss is shown as the server says it.
    driver.get(console.base)
    console.find("CARD_NUMBER", ann.card)
    console.customer_shown(ann.customer.name)
    console.find("MOBILE", unique_mobile(), source="INSTORE")
    error = console.wait(console.error_text, "the error")
    assert "not_found (HTTP 404)" in error and "CUSTOMER_NOT_FOUND" in error
    assert "Finding MOBILE" in error and "(loyalty.identity.v1)" in error
    shoot("not-found")
    # A miss in any scope is no error: FindCustomers answers an empty result.
    console.find("EMAIL", unique_email())
    assert "No active customer holds EMAIL" in console.status_says("any scope")


def test_unmerge_after_the_confirmation(connect, driver, shoot) -> None:
    server, api = connect()
    ann = Ann(api)
    console = Console(driver, server)
    console.open(ann.wechat.name)  # a link to the merged customer shows the survivor
    console.customer_shown(ann.customer.name)
    assert "was merged into this customer" in console.element("#customer").text
    assert console.access() == "review"

    unmerge = f'#merges tr[data-merge="{ann.merge.name}"] button.unmerge'
    console.wait(lambda: console.element(unmerge).is_enabled(), "the unmerge button")
    console.element(unmerge).click()
    asked = console.confirm(yes=False)
    assert "Undo this merge?" in asked and ann.wechat.name in asked and "MERGE_BLOCKED" in asked
    assert "left as it was" in console.status_says(ann.merge.name)
    assert api.customer(ann.wechat.name).name == ann.customer.name  # still merged

    console.element(unmerge).click()
    shoot("unmerge-dialog", full=False)
    console.confirm(yes=True)
    said = console.status_says("undone")
    assert f"{ann.wechat.name} is an active customer again" in said
    row = console.element(f'#merges tr[data-merge="{ann.merge.name}"]')
    assert row.find_element(By.CSS_SELECTOR, ".merge-state").text.startswith("undone ")
    assert not row.find_elements(By.CSS_SELECTOR, "button.unmerge")
    assert "undone" in console.element(f'.merge-graph .edge[data-merge="{ann.merge.name}"]').text
    kinds = [row.find_elements(By.TAG_NAME, "td")[2].text for row in console.elements("#events tbody tr")]
    assert kinds[0] == "Merge undone"
    shoot("unmerged")

    # Over gRPC: the WeChat customer is itself again, the merge record says when it was undone.
    wechat = api.customer(ann.wechat.name)
    assert (wechat.name, wechat.state) == (ann.wechat.name, r.CUSTOMER_STATE_ACTIVE)
    assert [p.source for p in wechat.profiles] == [WECHAT]
    [record] = api.ids.ListMerges(pb.ListMergesRequest(customer=ann.customer.name)).merges
    assert record.name == ann.merge.name and record.HasField("unmerge_time")
    assert [p.source for p in api.customer(ann.customer.name).profiles] == [INSTORE]


def two_people(api: Grpc) -> tuple[r.Customer, r.Customer, str]:
    """A holder of a mobile in store, and a Tmall customer (by email) about to add it."""
    mobile = unique_mobile()
    holder = create(api.ids, profile(INSTORE, ident(MOBILE, mobile), ident(EMAIL, unique_email())))
    other = create(api.ids, profile(TMALL, ident(EMAIL, unique_email())))
    return holder, other, mobile


def sent_to_review(api: Grpc, other: r.Customer, mobile: str) -> str:
    refused = expect_error(
        lambda: update(api.ids, other.name, TMALL, add=[ident(MOBILE, mobile)]),
        Code.FAILED_PRECONDITION,
        "MERGE_NEEDS_REVIEW",
    )
    return refused.metadata["candidate"]


def test_review_accept_one_candidate_and_reject_another(connect, driver, shoot) -> None:
    server, api = connect(tokens=TOKENS, token=REVIEW_TOKEN)
    policy = r.MergePolicy(rules=[r.TypeRule(type=MOBILE, mode=r.MERGE_MODE_REVIEW)])
    api.review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy))
    first_holder, first_other, first_mobile = two_people(api)
    _, second_other, second_mobile = two_people(api)
    to_accept = sent_to_review(api, first_other, first_mobile)
    to_reject = sent_to_review(api, second_other, second_mobile)
    # A create's candidate has no victim: the console shows the profiles it recorded.
    website = profile(r.SOURCE_WEBSITE, ident(MOBILE, first_mobile), ident(r.IDENTIFIER_TYPE_EXTERNAL_ID, "web-42"))
    created = expect_error(lambda: create(api.ids, website), Code.FAILED_PRECONDITION, "MERGE_NEEDS_REVIEW").metadata[
        "candidate"
    ]

    console = Console(driver, server)
    console.open(token=REVIEW_TOKEN)
    assert console.access() == "review"
    console.element("#nav-review").click()
    console.wait(lambda: len(console.elements("article.candidate")) == 3, "three pending candidates")
    assert console.element("#policy").text.startswith("Merge policy: MOBILE: review")

    def article(name: str) -> WebElement:
        return console.element(f'article[data-candidate="{name}"]')

    accepted = article(to_accept)
    victim = accepted.find_element(By.CSS_SELECTOR, '[data-role="victim"]').text
    survivor = accepted.find_element(By.CSS_SELECTOR, '[data-role="survivor"]').text
    assert first_other.name in victim and "TMALL" in victim
    assert first_holder.name in survivor and f"MOBILE {first_mobile}" in survivor
    assert accepted.find_element(By.CSS_SELECTOR, '[data-role="survivor"] mark').text == f"MOBILE {first_mobile}"
    create_side = article(created).find_element(By.CSS_SELECTOR, '[data-role="victim"]').text
    assert "A new customer (CreateCustomer)" in create_side and "EXTERNAL_ID web-42" in create_side
    shoot("review")

    # Accept the first (through its confirmation): a merge, over gRPC too.
    article(to_accept).find_element(By.CSS_SELECTOR, "button.accept").click()
    asked = console.confirm(yes=True)
    assert "Accept this merge candidate?" in asked and first_other.name in asked
    said = console.status_says(f"{to_accept} accepted")
    assert f"{first_other.name} was merged into {first_holder.name}" in said
    console.wait(lambda: not console.elements(f'article[data-candidate="{to_accept}"]'), "the accepted one to go")
    candidate = api.candidate(to_accept)
    assert candidate.state == ACCEPTED and candidate.merge
    assert api.customer(first_other.name).name == first_holder.name

    # Reject the second: the pair is kept apart (a later add is MERGE_BLOCKED, not a new candidate).
    article(to_reject).find_element(By.CSS_SELECTOR, "button.reject").click()
    asked = console.confirm(yes=True)
    assert "Reject this merge candidate?" in asked and "MERGE_BLOCKED" in asked
    console.status_says(f"{to_reject} rejected")
    console.wait(lambda: len(console.elements("article.candidate")) == 1, "only the create's candidate left")
    assert api.candidate(to_reject).state == REJECTED
    assert api.customer(second_other.name).name == second_other.name
    expect_error(
        lambda: update(api.ids, second_other.name, TMALL, add=[ident(MOBILE, second_mobile)]),
        Code.FAILED_PRECONDITION,
        "MERGE_BLOCKED",
    )
    assert api.candidate(created).state == PENDING

    # Every candidate, with how each was decided.
    Select(console.element("#review-state")).select_by_visible_text("All candidates")
    console.wait(lambda: len(console.elements("article.candidate")) == 3, "all three candidates")
    assert "ACCEPTED" in article(to_accept).find_element(By.CSS_SELECTOR, ".badge").text
    assert candidate.merge in article(to_accept).text
    assert "REJECTED" in article(to_reject).find_element(By.CSS_SELECTOR, ".badge").text
    assert not console.elements(f'article[data-candidate="{to_accept}"] button.accept')
    shoot("review-decided")


def test_a_token_without_the_review_grant_gets_a_read_only_console(connect, driver, shoot) -> None:
    server, api = connect(tokens=TOKENS, token=REVIEW_TOKEN)
    ann = Ann(api)
    policy = r.MergePolicy(rules=[r.TypeRule(type=MOBILE, mode=r.MERGE_MODE_REVIEW)])
    api.review.UpdateMergePolicy(mpb.UpdateMergePolicyRequest(policy=policy))
    holder, other, mobile = two_people(api)
    pending = sent_to_review(api, other, mobile)

    # A wrong token: every call is refused, and the console says so as the server does.
    console = Console(driver, server)
    console.open(token="not-a-token")
    error = console.wait(console.error_text, "the refusal")
    assert "unauthenticated (HTTP 401)" in error
    assert console.access() == "read-only"

    # A token of the org without the grant: it reads everything, changes nothing.
    console.element("#change-token").click()
    console.wait(lambda: console.dialog_open("token-dialog"), "the token dialog")
    console.element("#token-input").clear()  # it shows the token in use
    console.element("#token-input").send_keys(TOKEN, Keys.ENTER)
    console.wait(lambda: console.element("#token-state").text == "Token: set", "the token")
    console.wait(lambda: "permission_denied" in console.element("#access-state").text, "the read-only note")
    assert console.access() == "read-only"
    assert not console.error_text()  # a PERMISSION_DENIED answer to the probe is the expected one
    console.find("MOBILE", ann.mobile, source="INSTORE")  # LookupCustomer, scoped
    console.customer_shown(ann.customer.name)
    assert not console.element(f'#merges tr[data-merge="{ann.merge.name}"] button.unmerge').is_enabled()
    console.element("#nav-review").click()
    console.wait(lambda: console.elements(f'article[data-candidate="{pending}"]'), "the pending candidate")
    buttons = console.elements(f'article[data-candidate="{pending}"] .decide button')
    assert [b.text for b in buttons] == ["Accept…", "Reject…"] and not any(b.is_enabled() for b in buttons)
    shoot("read-only")

    # The review token: the buttons come on; the read-only switch turns them off again, for this tab.
    console.element("#change-token").click()
    console.wait(lambda: console.dialog_open("token-dialog"), "the token dialog")
    console.element("#token-input").clear()  # it shows the token in use
    console.element("#token-input").send_keys(REVIEW_TOKEN, Keys.ENTER)
    console.wait(lambda: console.access() == "review", "the review grant")
    accept = f'article[data-candidate="{pending}"] button.accept'
    console.wait(lambda: console.element(accept).is_enabled(), "the accept button")
    console.element("#read-only").click()
    assert console.access() == "read-only" and not console.element(accept).is_enabled()
    assert "Read-only mode" in console.element("#access-state").text

    # Nothing was changed by any of it.
    assert api.candidate(pending).state == PENDING
    assert api.customer(ann.wechat.name).name == ann.customer.name
    assert api.customer(other.name).name == other.name and holder.name != other.name
