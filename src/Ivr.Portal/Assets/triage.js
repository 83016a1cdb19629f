// The nurse's triage screen: draws the triage the server holds (/api/triage) and sends each step there; every
// answer is the whole state, so the page redraws from it and a reload shows the same. The patient fields are kept
// as a draft per call in sessionStorage (never cleared by a refusal); the note is saved to the server as typed.
// Every action has Alt+Shift+key. No library; text only goes into the page as text, never as HTML.
const triage = document.getElementById('triage');
if (triage) {
    start(triage);
}

function start(root) {
    const $ = (id) => document.getElementById(id);
    const fields = ['callerName', 'patientName', 'dateOfBirth', 'callbackNumber', 'callbackReadBack'];
    const form = $('triage-finish-form');
    const asked = root.dataset.call ? Number(root.dataset.call) : null;
    let state = null;

    const token = () => form.querySelector('input[name="__RequestVerificationToken"]').value;
    const text = (id, value) => {
        $(id).textContent = value ?? '';
    };

    // What the final disposition does once the triage is finished: the practice's own actions for it (docs/triage.md).
    const said = {
        'tell-caller-to-call-911': 'Tell the caller to hang up and call 911 now, and confirm they will.',
        'urgent-notice-after-call': 'The on-call physician gets an urgent message when you finish.',
        'page-physician-now': 'Finishing pages the on-call physician at once with this triage.',
        'offer-patch': 'To patch the on-call physician in before the caller leaves, go to the desk (Alt+Shift+D) and patch (Alt+Shift+P).',
        'urgent-message': 'Finishing sends the on-call physician an urgent message.',
        'appointment-request': 'The message asks the practice for an appointment.',
        'morning-report': 'Finishing puts the summary in the practice\'s morning report.',
    };
    const acts = (d) => (d.actions ?? []).map((a) => said[a]).filter(Boolean).join(' ');

    const show = (id, visible) => {
        $(id).hidden = !visible;
    };
    const announce = (words) => text('triage-announce', words);
    const callId = () => state?.callRecordId ?? asked;
    const draftKey = () => `triage-draft:${callId()}`;
    const query = () => (asked ? `?call=${asked}` : '');

    const request = async (method, path, body) => {
        const response = await fetch(path, {
            method,
            headers: method === 'GET' ? {} : { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token() },
            body: method === 'GET' ? undefined : JSON.stringify({ callRecordId: callId(), ...(body ?? {}) }),
            credentials: 'same-origin',
        });
        if (response.status === 401) {
            window.location.assign('/signin?idle=true');
        } else {
            document.dispatchEvent(new Event('portal:active'));
        }
        let json = {};
        try {
            json = await response.json();
        } catch {
            // 403 has no body.
        }
        return { status: response.status, json };
    };

    const fail = (status, json) => {
        const why = json.error ?? (status === 403 ? 'You may not triage this call.' : `The service answered ${status}.`);
        text('triage-error', why);
    };

    // Steps run one after another, in the order asked (a note saved on blur, then the finish that follows it).
    let chain = Promise.resolve();
    const step = (name, body) => {
        const run = chain.then(() => send(name, body));
        chain = run.catch(() => null);
        return run;
    };
    const send = async (name, body) => {
        text('triage-error', '');
        const { status, json } = await request('POST', `/api/triage/${name}`, body);
        if (status === 200) {
            render(json);
            return json;
        }
        if (status === 422 && json.errors) {
            showErrors(json.errors);
        } else {
            fail(status, json);
        }
        return null;
    };

    const rung = (d) => (d ? `${d.words} (${d.urgency === 'urgent' ? 'urgent: pages the on-call physician now' : 'routine: the morning report'})` : 'none yet');

    const renderCard = (card) => {
        show('triage-card', !!card);
        if (!card) {
            return;
        }
        text('card-practice', card.practiceName);
        text('card-greeting', card.greeting);
        text('card-instructions', card.instructions || 'none');
        text('card-hours', card.officeHours);
        text('card-open', card.officeOpenNow ? 'open now' : 'closed now');
        text('card-caller', card.callerNumber ?? 'unknown');
        const list = $('card-oncall');
        list.replaceChildren(...card.onCall.map((c) => {
            const item = document.createElement('li');
            item.textContent = `${c.name} (${c.reason})`;
            return item;
        }));
    };

    const renderUsed = (used) => {
        show('triage-pathway', used.length > 0);
        $('triage-used').replaceChildren(...used.map((p) => {
            const item = document.createElement('li');
            const title = document.createElement('strong');
            title.textContent = `${p.title} (version ${p.version})`;
            item.append(title);
            if (p.example) {
                const badge = document.createElement('span');
                badge.className = 'badge example';
                badge.textContent = 'Example, not for clinical use';
                item.append(' ', badge);
            }
            const answers = document.createElement('ul');
            for (const a of p.answers) {
                const line = document.createElement('li');
                line.textContent = `${a.yes ? 'Yes' : 'No'}: ${a.question}`;
                answers.append(line);
            }
            item.append(answers);
            const reached = document.createElement('p');
            reached.textContent = p.reached ? `Reached: ${p.reached.words}` : 'Left unfinished';
            item.append(reached);
            return item;
        }));
    };

    const render = (next) => {
        const before = state;
        state = next;
        show('triage-loading', false);
        show('triage-nocall', false);
        renderCard(next.card);
        show('triage-call', !next.card);
        text('triage-call', next.card ? '' : `Call ${next.callRecordId} of ${next.practiceName}`);
        const finished = next.finished;
        show('triage-search-section', !finished);
        const current = next.current;
        show('triage-question-section', !!current && !finished);
        if (current) {
            text('triage-protocol-title', `${current.title} (version ${current.version})`);
            show('triage-example', current.example);
            show('triage-asking', !!current.question);
            if (current.question) {
                text('triage-progress', `Question ${current.question.number} of ${current.question.of}`);
                text('triage-question', current.question.text);
            }
            show('triage-reached', !!current.reached);
            text('triage-reached-words', current.reached ? current.reached.words : '');
            text('triage-advice', current.careAdvice || 'No care advice with this disposition.');
            const asking = current.question && !next.override;
            $('triage-yes').disabled = !asking;
            $('triage-no').disabled = !asking;
            $('triage-back').disabled = !!next.override;
            const key = current.question ? `q:${current.id}:${current.question.id}` : `r:${current.id}:${current.reached?.code}`;
            const was = before?.current ? (before.current.question ? `q:${before.current.id}:${before.current.question.id}` : `r:${before.current.id}:${before.current.reached?.code}`) : null;
            if (key !== was) {
                announce(current.question ? `Question ${current.question.number}: ${current.question.text}` : `Disposition: ${current.reached?.words}. Read the care advice.`);
            }
        }
        show('triage-outcome', !!next.computed && !finished);
        text('triage-computed', rung(next.computed));
        text('triage-final', next.final?.words ?? '');
        const urgency = $('triage-final-urgency');
        urgency.textContent = next.final ? next.final.urgency : '';
        urgency.className = `badge ${next.final?.urgency === 'urgent' ? 'urgent' : ''}`;
        text('triage-acts', next.final ? acts(next.final) : '');
        const moved = next.override;
        text('triage-override-state', moved
            ? `Overridden ${moved.direction} by ${moved.by}: ${moved.reason}${moved.needsPhysicianReview ? ' (on the on-call physician\'s review list)' : ''}`
            : 'No override.');
        if (!before || before.override?.to !== moved?.to) {
            $('triage-override-to').value = moved?.to ?? '';
            $('triage-override-reason').value = moved?.reason ?? '';
        }
        renderUsed(next.protocols);
        show('triage-finish-section', !!next.computed && !finished);
        if (document.activeElement !== $('triage-note')) {
            $('triage-note').value = next.note ?? '';
        }
        show('triage-summary', !!finished);
        if (finished) {
            const words = `Finished: ${finished.final.words}. ${finished.urgency === 'urgent' ? 'An urgent message pages the on-call physician now' : 'A routine message goes in the morning report'} (message ${finished.messageId}, triage ${finished.triageId})${finished.needsPhysicianReview ? '; the downgrade is on the on-call physician\'s review list' : ''}.`;
            text('triage-summary-text', words);
            $('triage-summary-link').href = `/triage/${finished.triageId}`;
            if (!before?.finished) {
                sessionStorage.removeItem(draftKey());
                announce(words);
            }
        }
        if (!before) {
            restoreDraft();
        }
    };

    // The patient fields: a draft per call, so a reload or a refused finish loses nothing.
    const readFields = () => {
        const values = {};
        for (const name of fields) {
            values[name] = name === 'callbackReadBack' ? form.elements[name].checked : form.elements[name].value;
        }
        return values;
    };
    const saveDraft = () => {
        if (callId()) {
            sessionStorage.setItem(draftKey(), JSON.stringify(readFields()));
        }
    };
    const restoreDraft = () => {
        const saved = callId() ? sessionStorage.getItem(draftKey()) : null;
        if (!saved) {
            return;
        }
        const values = JSON.parse(saved);
        for (const name of fields) {
            if (name === 'callbackReadBack') {
                form.elements[name].checked = values[name] === true;
            } else {
                form.elements[name].value = values[name] ?? '';
            }
        }
    };
    const showErrors = (errors) => {
        let first = null;
        for (const name of fields) {
            const message = errors[name];
            const error = $(`form-${name}-error`);
            error.textContent = message ?? '';
            error.hidden = !message;
            const input = form.elements[name];
            if (message) {
                input.setAttribute('aria-invalid', 'true');
                input.setAttribute('aria-describedby', error.id);
                first ??= input;
            } else {
                input.removeAttribute('aria-invalid');
                input.removeAttribute('aria-describedby');
            }
        }
        text('triage-finish-error', first ? 'Some fields need attention.' : '');
        first?.focus();
    };

    const search = async () => {
        const q = $('triage-search').value;
        const audience = $('triage-audience').value;
        const { status, json } = await request('GET', `/api/triage/protocols?q=${encodeURIComponent(q)}${audience ? `&audience=${audience}` : ''}`);
        if (status !== 200) {
            fail(status, json);
            return;
        }
        const found = json.protocols;
        show('triage-found-none', found.length === 0);
        $('triage-found').replaceChildren(...found.map((p) => {
            const item = document.createElement('li');
            const use = document.createElement('button');
            use.type = 'button';
            use.className = 'secondary';
            use.textContent = `Use: ${p.title}`;
            use.addEventListener('click', async () => {
                if (await step('protocol', { protocolId: p.id })) {
                    $('triage-yes').focus();
                }
            });
            item.append(use, ` ${p.audience}, version ${p.version} `);
            if (p.example) {
                const badge = document.createElement('span');
                badge.className = 'badge example';
                badge.textContent = 'Example, not for clinical use';
                item.append(badge);
            }
            return item;
        }));
        announce(`${found.length} protocol${found.length === 1 ? '' : 's'} found.`);
    };

    let noteTimer = null;
    const saveNote = () => {
        clearTimeout(noteTimer);
        noteTimer = null;
        if (state && !state.finished && $('triage-note').value !== (state.note ?? '')) {
            return step('note', { note: $('triage-note').value });
        }
        return Promise.resolve(null);
    };

    const actions = {
        search: () => $('triage-search').focus(),
        yes: () => step('answer', { yes: true }),
        no: () => step('answer', { yes: false }),
        back: () => step('back'),
        override: () => $('triage-override-to').focus(),
        note: () => $('triage-note').focus(),
        finish: () => form.elements.callerName.focus(),
        desk: () => window.location.assign('/desk'),
    };

    $('triage-search-form').addEventListener('submit', (e) => {
        e.preventDefault();
        search();
    });
    $('triage-yes').addEventListener('click', actions.yes);
    $('triage-no').addEventListener('click', actions.no);
    $('triage-back').addEventListener('click', actions.back);
    $('triage-override-form').addEventListener('submit', (e) => {
        e.preventDefault();
        step('override', { disposition: $('triage-override-to').value, reason: $('triage-override-reason').value });
    });
    $('triage-note').addEventListener('input', () => {
        clearTimeout(noteTimer);
        noteTimer = setTimeout(saveNote, 800);
    });
    $('triage-note').addEventListener('blur', saveNote);
    form.addEventListener('input', saveDraft);
    form.addEventListener('change', saveDraft);
    form.addEventListener('submit', async (e) => {
        e.preventDefault();
        saveDraft();
        await saveNote();
        const done = await step('finish', readFields());
        if (done) {
            showErrors({});
            $('triage-summary-heading').focus?.();
        }
    });

    // Alt+Shift+letter, by physical key (Alt changes the character on some layouts). The page lists them.
    const keys = new Map();
    for (const row of root.querySelectorAll('.desk-keys tr[data-key]')) {
        keys.set(`Key${row.dataset.key}`, row.dataset.action);
    }
    document.addEventListener('keydown', (e) => {
        if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || !keys.has(e.code)) {
            return;
        }
        e.preventDefault();
        const action = keys.get(e.code);
        const button = root.querySelector(`button[data-action="${action}"]`);
        if (button && (button.disabled || button.closest('[hidden]'))) {
            return;
        }
        actions[action]();
    });

    const load = async () => {
        const { status, json } = await request('GET', `/api/triage${query()}`);
        if (status === 200) {
            render(json);
        } else if (status === 409) {
            show('triage-loading', false);
            show('triage-nocall', true);
        } else {
            show('triage-loading', false);
            fail(status, json);
        }
    };
    load();
}
