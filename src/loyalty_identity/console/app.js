// The loyalty-identity console (SPEC 8): find a customer, read its profiles, cards, merges and feed
// events, undo a merge, and review merge candidates. It calls the same Connect endpoints as any client.
//
// Who may change things. No RPC tells a token's grants, so the console asks the server in a way that
// changes nothing, once per token: a dry run (validate_only) of AcceptMergeCandidate on a candidate
// that does not exist. The server checks the `review` grant before anything else, so a token without
// it answers PERMISSION_DENIED, one with it NOT_FOUND. Without the grant the console is read-only, as
// SPEC 8 asks: accept, reject and unmerge are disabled, and the server's answer to the dry run is shown
// as it said it (UnmergeCustomers itself only needs a token of the org; the console still leaves it to
// reviewers). The operator can also switch to a read-only mode by hand (kept for the tab). Either way
// the server decides: any action it refuses shows its error as it says it (code, message, reason).

import { call, ConnectError, listAll, requestId, token } from "./api.js";
import { h } from "./dom.js";
import { badge, customerLink, enumLabel, identifierLabel, scopeLabel, shortName, time } from "./format.js";
import { mergeGraph } from "./graph.js";

const IDS = "IdentifierService";
const EVENTS = "EventService";
const REVIEW = "MergeReviewService";

const IDENTIFIER_TYPES = [
  "MOBILE", "EMAIL", "EXTERNAL_ID", "WECHAT", "MARTJACK_ID", "FB_ID", "TMALL_UNAME", "CUID", "ALI_UNAME",
  "JD_UNAME", "VIP_UNAME", "LINE", "CARD_NUMBER",
];
const SOURCES = [
  "INSTORE", "WECHAT", "FACEBOOK", "WEB_ENGAGE", "MARTJACK", "TMALL", "TAOBAO", "JD", "ECOMMERCE", "WEBSITE",
  "LINE", "MOBILE_APP",
];
const BY_NAME = "CUSTOMER_NAME"; // the find form's pseudo-type: a customer's resource name (GetCustomer)
const PROBE_CANDIDATE = "mergeCandidates/00000000-0000-0000-0000-000000000000";
const READ_ONLY_KEY = "loyalty-identity.console.read-only";
const EVENT_WINDOW = 1000; // the newest events of the org's feed scanned for the customer's
const EVENTS_SHOWN = 20;
const GRAPH_CUSTOMERS = 25; // ListMerges is asked for the customer and at most this many merged into it

const $ = (id) => document.getElementById(id);

// --- Status, errors, access --------------------------------------------------------------------

function say(message) {
  $("status").textContent = message;
}

function clearError() {
  const box = $("error");
  box.hidden = true;
  box.replaceChildren();
}

/** Shows an error as the server said it: Connect code, HTTP status, message, ErrorInfo, violations. */
function showError(error, doing) {
  const box = $("error");
  const parts = [h("p", { class: "error-title" }, h("strong", {}, `${doing} failed`))];
  if (error instanceof ConnectError) {
    parts.push(
      h(
        "p",
        {},
        h("code", { class: "error-code" }, error.code),
        error.httpStatus ? ` (HTTP ${error.httpStatus}) ` : " ",
        h("span", { class: "error-message" }, error.message),
      ),
    );
    const facts = [];
    for (const info of error.errorInfos) {
      facts.push(
        h("dt", {}, "reason"),
        h("dd", {}, h("code", { class: "error-reason" }, info.reason), info.domain ? ` (${info.domain})` : ""),
      );
      for (const [key, value] of Object.entries(info.metadata).sort()) {
        facts.push(h("dt", {}, key), h("dd", {}, h("code", {}, value)));
      }
    }
    for (const violation of error.violations) {
      facts.push(
        h("dt", {}, "field"),
        h("dd", {}, h("code", {}, violation.field), `: ${violation.description}`,
          violation.reason ? ` (${violation.reason})` : ""),
      );
    }
    if (facts.length) parts.push(h("dl", { class: "error-facts" }, facts));
  } else {
    parts.push(h("p", {}, h("span", { class: "error-message" }, String(error?.message ?? error))));
  }
  parts.push(h("button", { type: "button", class: "dismiss", onclick: clearError }, "Dismiss"));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
}

const access = {
  review: null, // true: the token has the review grant; false: it has not; null: not known yet
  denied: null, // the server's answer to the probe when it was not "go ahead"
  readOnly: sessionStorage.getItem(READ_ONLY_KEY) === "1",
};

function canWrite() {
  return access.review === true && !access.readOnly;
}

function applyAccess() {
  const state = $("access-state");
  let text;
  if (access.readOnly) {
    state.dataset.access = "read-only";
    text = "Read-only mode: accept, reject and unmerge are off (switch it off in the header).";
  } else if (access.review === null) {
    state.dataset.access = "unknown";
    text = "Checking what this token may do…";
  } else if (access.review) {
    state.dataset.access = "review";
    text = "This token has the review grant: you may accept and reject merge candidates and undo merges.";
  } else {
    state.dataset.access = "read-only";
    const said = access.denied ? `${access.denied.code}: ${access.denied.message}` : "no answer";
    text = `Read-only: this token may not review. A dry run of AcceptMergeCandidate was answered ${said}`;
  }
  state.textContent = text;
  $("read-only").checked = access.readOnly;
  for (const button of document.querySelectorAll("button[data-write]")) button.disabled = !canWrite();
}

async function detectReviewGrant() {
  access.review = null;
  access.denied = null;
  applyAccess();
  try {
    await call(REVIEW, "AcceptMergeCandidate", { name: PROBE_CANDIDATE, validateOnly: true });
    access.review = true;
  } catch (error) {
    const passed = ["not_found", "invalid_argument", "failed_precondition"];
    if (error instanceof ConnectError && passed.includes(error.code)) {
      access.review = true; // the grant was checked first and passed
    } else {
      access.review = false;
      access.denied = error;
      if (!(error instanceof ConnectError) || error.code !== "permission_denied") {
        showError(error, "Checking the token");
      }
    }
  }
  applyAccess();
}

/** A button that changes something: disabled unless the console may write. */
function writeButton(label, attributes, onclick) {
  return h(
    "button",
    { type: "button", "data-write": true, disabled: !canWrite(), "aria-describedby": "access-state", ...attributes,
      onclick },
    label,
  );
}

// --- Dialogs -----------------------------------------------------------------------------------

/** Asks for a confirmation in the <dialog>; resolves to true when confirmed. */
function confirmDialog({ title, body, confirm }) {
  const dialog = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-body").replaceChildren(...body);
  $("confirm-ok").textContent = confirm;
  dialog.returnValue = "";
  dialog.showModal();
  $("confirm-cancel").focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
  });
}

function askToken() {
  const dialog = $("token-dialog");
  $("token-input").value = token.get();
  dialog.returnValue = "";
  dialog.showModal();
  $("token-input").focus();
  return new Promise((resolve) => {
    dialog.addEventListener(
      "close",
      () => {
        if (dialog.returnValue === "save" || !token.asked()) token.set($("token-input").value);
        $("token-input").value = "";
        showTokenState();
        resolve();
      },
      { once: true },
    );
  });
}

function showTokenState() {
  $("token-state").textContent = token.get() ? "Token: set" : "Token: none";
}

// --- Finding a customer ------------------------------------------------------------------------

function fillFindForm() {
  const type = $("find-type");
  type.replaceChildren(
    ...IDENTIFIER_TYPES.map((t) => h("option", { value: `IDENTIFIER_TYPE_${t}` }, t)),
    h("option", { value: BY_NAME }, "Customer name (customers/…)"),
  );
  $("find-source").replaceChildren(
    h("option", { value: "" }, "Any scope"),
    ...SOURCES.map((source) => h("option", { value: `SOURCE_${source}` }, source)),
  );
}

let carriedStatus = ""; // a status to show once the hash change it caused has been handled

async function findCustomer(event) {
  event.preventDefault();
  clearError();
  say("");
  const type = $("find-type").value;
  const value = $("find-value").value.trim();
  const source = $("find-source").value;
  const accountId = $("find-account").value.trim();
  if (!value) return;
  if (type === BY_NAME) {
    openCustomer(value.startsWith("customers/") ? value : `customers/${value}`);
    return;
  }
  const identifier = { type, value };
  const described = `${enumLabel(type)} ${value}${source ? ` in ${scopeLabel(source, accountId)}` : ""}`;
  $("find-submit").disabled = true;
  try {
    let customer;
    if (source) {
      customer = (await call(IDS, "LookupCustomer", { source, accountId, identifier })).customer;
    } else {
      // An account without a source is sent as typed: the server says what is wrong with it.
      const query = accountId ? { accountId, identifier } : { identifier };
      const answer = await call(IDS, "FindCustomers", { queries: [query] });
      customer = answer.results?.[0]?.customer;
    }
    if (!customer) {
      const message = `No active customer holds ${described}${source ? "" : " in any scope"}.`;
      if (location.hash.startsWith("#/customers/")) {
        carriedStatus = message;
        location.hash = "#/find";
      } else {
        say(message);
      }
      return;
    }
    openCustomer(customer.name, `Found ${customer.name} by ${described}.`);
  } catch (error) {
    showError(error, `Finding ${described}`);
  } finally {
    $("find-submit").disabled = false;
  }
}

function openCustomer(name, message = "") {
  const hash = `#/${name}`;
  if (location.hash === hash) {
    say(message);
    loadCustomer(name);
  } else {
    carriedStatus = message;
    location.hash = hash;
  }
}

// --- The customer view -------------------------------------------------------------------------

let customerLoad = 0; // the latest load wins: an older one still in flight draws nothing

async function loadCustomer(name) {
  const load = ++customerLoad;
  const view = $("customer");
  view.setAttribute("aria-busy", "true");
  view.replaceChildren(h("p", { class: "loading" }, `Loading ${name}…`));
  try {
    const { customer } = await call(IDS, "GetCustomer", { name });
    const [merges, events, pending] = await Promise.all([
      mergesAround(customer),
      recentEvents(new Set([name, customer.name, ...(customer.mergedCustomers ?? [])])),
      call(REVIEW, "ListMergeCandidates", {
        customer: customer.name, state: "MERGE_CANDIDATE_STATE_PENDING", pageSize: 50,
      }),
    ]);
    if (load !== customerLoad) return;
    view.replaceChildren(...renderCustomer(name, customer, merges, events, pending.mergeCandidates ?? []));
    view.dataset.customer = customer.name;
  } catch (error) {
    if (load !== customerLoad) return;
    view.replaceChildren();
    delete view.dataset.customer;
    showError(error, `Reading ${name}`);
  } finally {
    if (load === customerLoad) view.removeAttribute("aria-busy");
  }
}

/** Every merge record naming the customer or a customer merged into it, newest first. */
async function mergesAround(customer) {
  const names = [customer.name, ...(customer.mergedCustomers ?? [])].slice(0, GRAPH_CUSTOMERS + 1);
  const lists = await Promise.all(
    names.map((name) => listAll(IDS, "ListMerges", { customer: name, pageSize: 100 }, "merges")),
  );
  const byName = new Map();
  for (const list of lists) for (const merge of list.items) byName.set(merge.name, merge);
  const merges = [...byName.values()].sort((a, b) => (b.createTime ?? "").localeCompare(a.createTime ?? ""));
  return { merges, partial: names.length < 1 + (customer.mergedCustomers ?? []).length || lists.some((l) => l.more) };
}

/** The newest events naming one of `names`, among the newest EVENT_WINDOW of the org's feed. */
async function recentEvents(names) {
  const head = await call(EVENTS, "ListEvents", { pageSize: 1 });
  const last = Number(head.lastSequence ?? 0);
  let after = Math.max(0, last - EVENT_WINDOW);
  let answer;
  try {
    answer = await call(EVENTS, "ListEvents", { afterSequence: String(after), pageSize: EVENT_WINDOW });
  } catch (error) {
    const first = Number(error?.metadata?.first_sequence ?? 0);
    if (!(error instanceof ConnectError) || error.reason !== "EVENTS_EXPIRED" || !first) throw error;
    after = first - 1; // older events were purged: start at the oldest kept
    answer = await call(EVENTS, "ListEvents", { afterSequence: String(after), pageSize: EVENT_WINDOW });
  }
  const mine = (answer.events ?? []).filter((e) => (e.customers ?? []).some((n) => names.has(n)));
  return mine.slice(-EVENTS_SHOWN).reverse();
}

function table(caption, headings, rows, attributes = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      attributes,
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headings.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", {}, rows),
    ),
  );
}

function renderCustomer(requested, customer, { merges, partial }, events, pending) {
  const parts = [];
  parts.push(h("h2", { id: "customer-title" }, "Customer ", h("code", {}, customer.name)));
  if (customer.name !== requested) {
    parts.push(
      h("p", { class: "note" }, h("code", {}, requested), " was merged into this customer: reads of it answer the survivor."),
    );
  }
  const facts = [
    h("dt", {}, "State"), h("dd", {}, badge(customer.state)),
    h("dt", {}, "Created"), h("dd", {}, time(customer.createTime)),
    h("dt", {}, "Updated"), h("dd", {}, time(customer.updateTime)),
  ];
  if (customer.eraseTime) facts.push(h("dt", {}, "Erased"), h("dd", {}, time(customer.eraseTime)));
  facts.push(h("dt", {}, "Merged into it"), h("dd", {}, String((customer.mergedCustomers ?? []).length)));
  parts.push(h("dl", { class: "facts panel" }, facts));
  if (pending.length) {
    parts.push(
      h(
        "p",
        { class: "note" },
        `${pending.length} pending merge candidate${pending.length === 1 ? "" : "s"} name${pending.length === 1 ? "s" : ""} this customer: `,
        h("a", { href: "#/review" }, "review them"),
        ".",
      ),
    );
  }

  const profiles = customer.profiles ?? [];
  parts.push(h("h3", {}, "Profiles"));
  parts.push(
    profiles.length
      ? table(
        `${profiles.length} profile${profiles.length === 1 ? "" : "s"}, one per channel`,
        ["Source", "Account", "Identifiers", "Created"],
        profiles.map((p) =>
          h(
            "tr",
            {},
            h("td", {}, enumLabel(p.source)),
            h("td", {}, p.accountId || "—"),
            h("td", {}, h("ul", { class: "plain" }, (p.identifiers ?? []).map((i) =>
              h("li", {}, h("span", { class: "type" }, enumLabel(i.type)), " ", h("code", {}, i.value))))),
            h("td", {}, time(p.createTime)),
          ),
        ),
        { id: "profiles" },
      )
      : h("p", { class: "empty" }, "No profiles."),
  );

  const cards = customer.cards ?? [];
  parts.push(h("h3", {}, "Cards"));
  parts.push(
    cards.length
      ? table(
        `${cards.length} card${cards.length === 1 ? "" : "s"}`,
        ["Number", "Status", "Label", "Series", "Issued", "Expires"],
        cards.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, h("code", {}, c.number)),
            h("td", {}, badge(c.status)),
            h("td", {}, c.statusLabel || "—"),
            h("td", {}, h("code", {}, c.seriesId || "—")),
            h("td", {}, time(c.issueTime)),
            h("td", {}, c.expireTime ? time(c.expireTime) : "never"),
          ),
        ),
        { id: "cards" },
      )
      : h("p", { class: "empty" }, "No cards."),
  );

  parts.push(h("h3", {}, "Merges"));
  if (!merges.length) {
    parts.push(h("p", { class: "empty" }, "No merges: this customer was never merged with another."));
  } else {
    parts.push(
      h(
        "figure",
        { class: "panel graph" },
        mergeGraph(merges, customer.name),
        h("figcaption", {}, "Who was merged into whom: an arrow goes from the customer merged away to the one that "
          + "received it, labelled with the identifier type that proved them one person. Dashed: undone."),
      ),
    );
    if (partial) parts.push(h("p", { class: "note" }, "Only the first merges are shown."));
    parts.push(
      table(
        `${merges.length} merge record${merges.length === 1 ? "" : "s"}, newest first`,
        ["When", "Merged away (victim)", "Into (survivor)", "Trigger", "Moved", "State", ""],
        merges.map((m) => mergeRow(m)),
        { id: "merges" },
      ),
    );
  }

  parts.push(h("h3", {}, "Recent feed events"));
  parts.push(
    events.length
      ? table(
        `The newest ${events.length} event${events.length === 1 ? "" : "s"} naming this customer or one merged into `
          + "it (values masked, as the feed gives them)",
        ["Sequence", "When", "Change", "Details"],
        events.map((e) =>
          h(
            "tr",
            { "data-sequence": e.sequence },
            h("td", {}, e.sequence),
            h("td", {}, time(e.createTime)),
            h("td", {}, eventKind(e)),
            h("td", {}, eventSummary(e)),
          ),
        ),
        { id: "events" },
      )
      : h("p", { class: "empty" }, "No recent events name this customer."),
  );
  return parts;
}

function mergeRow(merge) {
  const trigger = merge.trigger?.type
    ? [identifierLabel(merge.trigger), h("br"), h("span", { class: "muted" }, `in ${scopeLabel(merge.triggerSource, merge.triggerAccountId)}`)]
    : h("span", { class: "muted" }, "explicit (MergeCustomers)");
  const moved = [];
  for (const p of merge.movedProfiles ?? []) {
    moved.push(h("li", {}, `${scopeLabel(p.source, p.accountId)}: `, (p.identifiers ?? []).map(identifierLabel).join(", ")));
  }
  for (const number of merge.movedCards ?? []) moved.push(h("li", {}, `card ${number}`));
  const undone = Boolean(merge.unmergeTime);
  return h(
    "tr",
    { "data-merge": merge.name, class: undone ? "undone" : "" },
    h("td", {}, time(merge.createTime)),
    h("td", {}, customerLink(merge.victim)),
    h("td", {}, customerLink(merge.survivor)),
    h("td", {}, trigger),
    h("td", {}, moved.length ? h("ul", { class: "plain" }, moved) : "—"),
    h("td", { class: "merge-state" }, undone ? ["undone ", time(merge.unmergeTime)] : "standing"),
    h(
      "td",
      {},
      undone
        ? ""
        : writeButton("Unmerge…", { class: "danger unmerge", "aria-label": `Unmerge ${merge.name}` }, () =>
          unmerge(merge)),
    ),
  );
}

async function unmerge(merge) {
  const confirmed = await confirmDialog({
    title: "Undo this merge?",
    body: [
      h("p", {}, h("code", {}, merge.victim), " becomes an active customer again, with the profiles and cards it "
        + "brought; the identifiers the merging request added are removed; the rest stays with ",
      h("code", {}, merge.survivor), "."),
      h("p", {}, "The two are then kept apart: an automatic merge between them is refused (MERGE_BLOCKED) until "
        + "someone merges them explicitly."),
    ],
    confirm: "Unmerge",
  });
  if (!confirmed) {
    say(`${merge.name} was left as it was.`);
    return;
  }
  clearError();
  try {
    const answer = await call(IDS, "UnmergeCustomers", { merge: merge.name, requestId: requestId() });
    const current = $("customer").dataset.customer;
    if (current) await loadCustomer(current);
    say(`${merge.name} undone: ${answer.victim?.name ?? merge.victim} is an active customer again.`);
  } catch (error) {
    showError(error, `Undoing ${merge.name}`);
  }
}

const EVENT_KINDS = {
  customerCreated: "Customer created",
  identifiersChanged: "Identifiers changed",
  customersMerged: "Customers merged",
  customersUnmerged: "Merge undone",
  cardChanged: "Card changed",
  customerErased: "Customer erased",
  mergePolicyChanged: "Merge policy changed",
  mergeCandidateCreated: "Merge candidate created",
  mergeCandidateResolved: "Merge candidate resolved",
};

function eventKind(event) {
  const kind = Object.keys(EVENT_KINDS).find((k) => event[k]);
  return kind ? EVENT_KINDS[kind] : "Other change";
}

function scopedList(identifiers) {
  return (identifiers ?? []).map((i) => `${identifierLabel(i)} (${scopeLabel(i.source, i.accountId)})`).join(", ");
}

function eventSummary(event) {
  if (event.customerCreated) return `with ${scopedList(event.customerCreated.identifiers) || "no identifiers"}`;
  if (event.identifiersChanged) {
    const { added, removed } = event.identifiersChanged;
    return [added?.length ? `added ${scopedList(added)}` : "", removed?.length ? `removed ${scopedList(removed)}` : ""]
      .filter(Boolean).join("; ");
  }
  if (event.customersMerged) {
    const m = event.customersMerged;
    const by = m.trigger?.type ? ` by ${identifierLabel(m.trigger)}` : " (explicit)";
    return `${shortName(m.victim)} into ${shortName(m.survivor)}${by}`;
  }
  if (event.customersUnmerged) {
    const m = event.customersUnmerged;
    return `${shortName(m.victim)} split from ${shortName(m.survivor)} (${shortName(m.merge)})`;
  }
  if (event.cardChanged) {
    const c = event.cardChanged;
    return `card ${c.number}: ${enumLabel(c.status)}${c.statusLabel ? ` (${c.statusLabel})` : ""}${c.reason ? `, ${c.reason}` : ""}`;
  }
  if (event.customerErased) return `${shortName(event.customerErased.customer)} erased`;
  if (event.mergeCandidateCreated) {
    const c = event.mergeCandidateCreated;
    const victim = c.victim ? shortName(c.victim) : "a new customer";
    return `${victim} into ${shortName(c.survivor)} by ${identifierLabel(c.trigger)}: ${enumLabel(c.reason)}`;
  }
  if (event.mergeCandidateResolved) {
    const c = event.mergeCandidateResolved;
    return `${shortName(c.candidate)} ${enumLabel(c.state)}${c.merge ? ` (${shortName(c.merge)})` : ""}`;
  }
  return "";
}

// --- Merge review ------------------------------------------------------------------------------

let reviewLoad = 0;

async function loadReview() {
  const load = ++reviewLoad;
  const list = $("candidates");
  list.setAttribute("aria-busy", "true");
  list.replaceChildren(h("p", { class: "loading" }, "Loading merge candidates…"));
  try {
    const state = $("review-state").value;
    const [policy, page] = await Promise.all([
      call(REVIEW, "GetMergePolicy", {}),
      call(REVIEW, "ListMergeCandidates", { state, pageSize: 25 }),
    ]);
    const candidates = page.mergeCandidates ?? [];
    const names = new Set();
    for (const c of candidates) for (const n of [c.victim, c.survivor]) if (n) names.add(n);
    const customers = new Map();
    await Promise.all(
      [...names].map(async (n) => {
        try {
          customers.set(n, (await call(IDS, "GetCustomer", { name: n })).customer);
        } catch (error) {
          customers.set(n, error);
        }
      }),
    );
    if (load !== reviewLoad) return;
    $("policy").replaceChildren(...policyText(policy));
    if (!candidates.length) {
      const none = state === "MERGE_CANDIDATE_STATE_PENDING" ? "No merge candidate waits for a person." : "No merge candidates.";
      list.replaceChildren(h("p", { class: "empty" }, none));
    } else {
      list.replaceChildren(
        ...candidates.map((c) => renderCandidate(c, customers)),
        page.nextPageToken ? h("p", { class: "note" }, "Older candidates are not shown: decide these first.") : "",
      );
    }
  } catch (error) {
    if (load !== reviewLoad) return;
    list.replaceChildren();
    showError(error, "Reading the merge candidates");
  } finally {
    if (load === reviewLoad) list.removeAttribute("aria-busy");
  }
}

function policyText(policy) {
  const rules = policy.rules ?? [];
  const parts = ["Merge policy: "];
  if (!rules.length) parts.push("every identifier type merges at once");
  else parts.push(rules.map((r) => `${enumLabel(r.type)}: ${enumLabel(r.mode).toLowerCase()}`).join(", "),
    "; other types merge at once");
  const limit = policy.maxMergedCustomers ?? 0;
  parts.push(limit ? `; at most ${limit} customers merged into one without review.` : "; no limit of merged customers.");
  return parts;
}

function sameIdentifier(a, b) {
  return a && b && a.type === b.type && a.value === b.value;
}

function profileList(profiles, trigger) {
  if (!profiles?.length) return h("p", { class: "empty" }, "No profiles.");
  return h(
    "ul",
    { class: "profiles" },
    profiles.map((p) =>
      h(
        "li",
        {},
        h("span", { class: "scope" }, scopeLabel(p.source, p.accountId)),
        " ",
        (p.identifiers ?? []).map((i, index) => [
          index ? ", " : "",
          sameIdentifier(i, trigger) ? h("mark", {}, identifierLabel(i)) : identifierLabel(i),
        ]),
      ),
    ),
  );
}

function customerSide(role, heading, requested, found, trigger) {
  const content = [h("h4", {}, heading)];
  if (found instanceof Error) {
    content.push(h("p", { class: "error-inline" }, `${found.code ?? "error"}: ${found.message}`));
  } else if (found) {
    content.push(h("p", {}, customerLink(found.name), " ", badge(found.state)));
    if (found.name !== requested) {
      content.push(h("p", { class: "note" }, h("code", {}, requested), " has since been merged into this customer."));
    }
    content.push(profileList(found.profiles, trigger));
    const cards = found.cards ?? [];
    content.push(h("p", { class: "muted" }, cards.length ? `Cards: ${cards.map((c) => c.number).join(", ")}` : "No cards.",
      " Created ", time(found.createTime), "."));
  }
  return h("section", { class: `side ${role}`, "data-role": role }, content);
}

function recordedRequest(candidate) {
  const update = candidate.updateIdentifiers;
  if (update) {
    const changes = [];
    if (update.add?.length) changes.push(`add ${update.add.map(identifierLabel).join(", ")}`);
    if (update.remove?.length) changes.push(`remove ${update.remove.map(identifierLabel).join(", ")}`);
    return `UpdateIdentifiers in ${scopeLabel(update.source, update.accountId)}: ${changes.join("; ")}`;
  }
  if (candidate.createCustomer) {
    const count = candidate.createCustomer.profiles?.length ?? 0;
    return `CreateCustomer with ${count} profile${count === 1 ? "" : "s"}`;
  }
  return "—";
}

function renderCandidate(candidate, customers) {
  const id = `candidate-${candidate.name.split("/")[1]}`;
  const pending = candidate.state === "MERGE_CANDIDATE_STATE_PENDING";
  const victimSide = candidate.victim
    ? customerSide("victim", pending ? "Would be merged away (victim)" : "Victim", candidate.victim,
      customers.get(candidate.victim), candidate.trigger)
    : h(
      "section",
      { class: "side victim", "data-role": "victim" },
      h("h4", {}, pending ? "A new customer (CreateCustomer), would be combined" : "A new customer (CreateCustomer)"),
      profileList(candidate.createCustomer?.profiles, candidate.trigger),
    );
  const survivorSide = customerSide("survivor", pending ? "Would receive it (survivor)" : "Survivor",
    candidate.survivor, customers.get(candidate.survivor), candidate.trigger);
  const facts = [
    h("dt", {}, "State"), h("dd", {}, badge(candidate.state)),
    h("dt", {}, "Why"), h("dd", {}, candidate.reason === "REVIEW_REASON_MERGE_LIMIT"
      ? "the survivor would pass the policy's limit of merged customers"
      : "the policy sends this identifier type to review"),
    h("dt", {}, "Trigger"), h("dd", {}, identifierLabel(candidate.trigger), " in ",
      scopeLabel(candidate.triggerSource, candidate.triggerAccountId)),
    h("dt", {}, "Request"), h("dd", {}, recordedRequest(candidate)),
    h("dt", {}, "Recorded"), h("dd", {}, time(candidate.createTime)),
  ];
  if (candidate.resolveTime) facts.push(h("dt", {}, "Resolved"), h("dd", {}, time(candidate.resolveTime)));
  if (candidate.merge) facts.push(h("dt", {}, "Merge"), h("dd", {}, h("code", {}, candidate.merge)));
  return h(
    "article",
    { class: "panel candidate", "data-candidate": candidate.name, "aria-labelledby": id },
    h("h3", { id }, "Merge candidate ", h("code", {}, candidate.name)),
    h("dl", { class: "facts compact" }, facts),
    h("div", { class: "side-by-side" }, victimSide, survivorSide),
    pending
      ? h(
        "div",
        { class: "decide" },
        writeButton("Accept…", { class: "primary accept", "aria-label": `Accept ${candidate.name}` }, () =>
          decide(candidate, true)),
        writeButton("Reject…", { class: "danger reject", "aria-label": `Reject ${candidate.name}` }, () =>
          decide(candidate, false)),
      )
      : "",
  );
}

async function decide(candidate, accept) {
  const who = candidate.victim ? h("code", {}, candidate.victim) : "the new customer's profiles";
  const body = accept
    ? [h("p", {}, "The recorded request runs now: ", who, " is merged into ", h("code", {}, candidate.survivor),
      ", as if the policy had let it through.")]
    : [h("p", {}, "The two are recorded as different people: a later request that would merge ", who, " and ",
      h("code", {}, candidate.survivor), " is refused (MERGE_BLOCKED).")];
  const confirmed = await confirmDialog({
    title: accept ? "Accept this merge candidate?" : "Reject this merge candidate?",
    body,
    confirm: accept ? "Accept" : "Reject",
  });
  if (!confirmed) {
    say(`${candidate.name} was left pending.`);
    return;
  }
  clearError();
  try {
    let message;
    if (accept) {
      const answer = await call(REVIEW, "AcceptMergeCandidate", { name: candidate.name, requestId: requestId() });
      message = answer.merge?.name
        ? `${candidate.name} accepted: ${answer.merge.victim} was merged into ${answer.merge.survivor} (${answer.merge.name}).`
        : `${candidate.name} accepted: the profiles were combined into ${answer.customer?.name}.`;
    } else {
      await call(REVIEW, "RejectMergeCandidate", { name: candidate.name, requestId: requestId() });
      message = `${candidate.name} rejected: the two are kept apart.`;
    }
    await loadReview();
    say(message);
    $("review-title").focus();
  } catch (error) {
    showError(error, `${accept ? "Accepting" : "Rejecting"} ${candidate.name}`);
  }
}

// --- Routing and start -------------------------------------------------------------------------

function route() {
  const path = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
  const review = path === "review";
  $("find-section").hidden = review;
  $("review-section").hidden = !review;
  $("nav-find").toggleAttribute("aria-current", !review);
  $("nav-review").toggleAttribute("aria-current", review);
  if (review) {
    document.title = "Merge review · loyalty-identity console";
    loadReview();
  } else if (path.startsWith("customers/")) {
    document.title = `${path} · loyalty-identity console`;
    loadCustomer(path);
  } else {
    document.title = "loyalty-identity console";
    customerLoad += 1; // a load still in flight draws nothing
    $("customer").replaceChildren();
    delete $("customer").dataset.customer;
  }
}

async function start() {
  fillFindForm();
  $("find-form").addEventListener("submit", findCustomer);
  $("review-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearError();
    loadReview();
  });
  $("review-state").addEventListener("change", () => loadReview());
  $("read-only").addEventListener("change", (event) => {
    access.readOnly = event.target.checked;
    sessionStorage.setItem(READ_ONLY_KEY, access.readOnly ? "1" : "0");
    applyAccess();
  });
  $("change-token").addEventListener("click", async () => {
    await askToken();
    clearError();
    await detectReviewGrant();
    route();
  });
  window.addEventListener("hashchange", () => {
    clearError();
    say(carriedStatus);
    carriedStatus = "";
    route();
  });
  window.addEventListener("unhandledrejection", (event) => showError(event.reason, "The console"));
  showTokenState();
  applyAccess();
  if (!token.asked()) await askToken();
  detectReviewGrant();
  route();
}

start();
