// The operator desk: draws the operator's status and call from each view the server pushes
// (Server-Sent Events), sends the desk's actions to /api/desk, keeps what is typed in the message
// form (a draft per call in sessionStorage, never cleared by a refusal), and binds every action to
// Alt+Shift+key. No library; text only goes into the page as text, never as HTML.
const desk = document.getElementById('desk');
if (desk) {
    start(desk);
}

function start(root) {
    const $ = (id) => document.getElementById(id);
    const seesMessages = root.dataset.seesMessages === 'true';
    const form = $('desk-form');
    const fields = ['kind', 'callerName', 'patientName', 'dateOfBirth', 'standing', 'callbackNumber', 'callbackReadBack', 'reason', 'days', 'time', 'urgency', 'notes'];
    // Fields that are a group of radio buttons rather than one input.
    const radios = ['kind', 'standing', 'urgency'];
    const says = {
        'available': 'Available',
        'on-break': 'On break',
        'wrap-up': 'Wrap-up',
        'offered': 'Call offered',
        'on-call': 'On a call',
        'paused': 'Paused',
        'signed-out': 'Signed out of the desk',
    };
    let view = null;
    let formCall = null; // the call whose draft the form holds
    let announced = null; // the call whose offer was announced
    let seen = null; // the call whose card this page told the desk it shows
    let busy = false;

    const token = () => form.querySelector('input[name="__RequestVerificationToken"]').value;
    const draftKey = (callId) => `desk-draft:${callId}`;
    const signIn = () => window.location.assign('/signin?idle=true');

    const text = (id, value) => {
        $(id).textContent = value ?? '';
    };

    const clock = (at) => {
        try {
            return new Date(at).toLocaleTimeString('en-GB', { hour12: false });
        } catch {
            return String(at);
        }
    };

    const duration = (ms) => {
        const seconds = Math.max(0, Math.floor(ms / 1000));
        return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    };

    const post = async (path, body) => {
        const response = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token() },
            body: JSON.stringify(body ?? {}),
            credentials: 'same-origin',
        });
        if (response.status === 401) {
            signIn();
        } else {
            // The request renewed the session: the idle sign-out (idle.js) counts again.
            document.dispatchEvent(new Event('portal:active'));
        }
        let json = {};
        try {
            json = await response.json();
        } catch {
            // 403 and some errors have no body.
        }
        return { status: response.status, json };
    };

    const act = async (path, body, errorId) => {
        if (busy) {
            return;
        }
        busy = true;
        text(errorId, '');
        try {
            const { status, json } = await post(path, body);
            if (status !== 200) {
                text(errorId, json.error || json.title || `The desk refused (${status}).`);
            }
        } catch {
            text(errorId, 'The service did not answer; try again.');
        } finally {
            busy = false;
        }
    };

    // The form: what is typed, saved as a draft of its call on every keystroke.
    const read = () => {
        const values = {};
        for (const name of fields) {
            if (radios.includes(name)) {
                values[name] = form.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
            } else if (name === 'callbackReadBack') {
                values.callbackReadBack = form.elements.callbackReadBack.checked;
            } else {
                values[name] = form.elements[name].value;
            }
        }
        return values;
    };

    const write = (values) => {
        for (const name of fields) {
            if (radios.includes(name)) {
                for (const radio of form.querySelectorAll(`input[name="${name}"]`)) {
                    radio.checked = radio.value === (values[name] ?? (name === 'kind' ? 'message' : null));
                }
            } else if (name === 'callbackReadBack') {
                form.elements.callbackReadBack.checked = values.callbackReadBack === true;
            } else {
                form.elements[name].value = values[name] ?? (name === 'days' || name === 'time' ? 'any' : '');
            }
        }
    };

    // An appointment request asks standing, days and time, and is routine.
    const showKind = () => {
        const appointment = form.querySelector('input[name="kind"]:checked')?.value === 'appointment';
        $('form-appointment').hidden = !appointment;
        if (appointment) {
            $('form-urgency-routine').checked = true;
        }
    };
    for (const radio of form.querySelectorAll('input[name="kind"]')) {
        radio.addEventListener('change', showKind);
    }

    const saveDraft = () => {
        if (formCall) {
            sessionStorage.setItem(draftKey(formCall), JSON.stringify(read()));
        }
    };

    const showErrors = (errors) => {
        for (const name of fields) {
            const message = errors[name];
            const error = $(`form-${name}-error`);
            error.textContent = message ?? '';
            error.hidden = !message;
            const targets = radios.includes(name) ? form.querySelectorAll(`input[name="${name}"]`) : [form.elements[name]];
            for (const input of targets) {
                if (message) {
                    input.setAttribute('aria-invalid', 'true');
                    input.setAttribute('aria-describedby', error.id);
                } else {
                    input.removeAttribute('aria-invalid');
                    input.removeAttribute('aria-describedby');
                }
            }
        }
        const first = fields.find((name) => errors[name]);
        if (first) {
            (radios.includes(first) ? form.querySelector(`input[name="${first}"]`) : form.elements[first]).focus();
        }
    };

    // A new call gets its own draft (or an empty form); the same call keeps what is on screen.
    const bindForm = (call) => {
        if (formCall === call.callId) {
            return;
        }
        formCall = call.callId;
        let draft = {};
        try {
            draft = JSON.parse(sessionStorage.getItem(draftKey(call.callId)) ?? '{}');
        } catch {
            draft = {};
        }
        write(draft);
        $('form-appointment').hidden = draft.kind !== 'appointment';
        showErrors({});
        text('form-error', '');
    };

    const saved = (call) => {
        const box = $('desk-saved');
        if (call.messageId == null) {
            box.hidden = true;
            box.replaceChildren();
            return;
        }
        const label = `Message ${call.messageId} saved`;
        if (box.dataset.messageId === String(call.messageId) && !box.hidden) {
            return;
        }
        box.dataset.messageId = String(call.messageId);
        if (seesMessages) {
            const link = document.createElement('a');
            link.href = `/messages/${call.messageId}`;
            link.textContent = label;
            box.replaceChildren(link);
        } else {
            box.replaceChildren(document.createTextNode(`${label}.`));
        }
        box.hidden = false;
    };

    const renderPatch = (call) => {
        const section = $('desk-patch-steps');
        if (!call.patch) {
            section.hidden = true;
            return;
        }
        section.hidden = false;
        const names = new Map(call.card.onCall.map((c) => [c.clinicianId, c.name]));
        const state = { ringing: 'Ringing the on-call chain…', connected: 'The doctor is in the call.', exhausted: 'Nobody in the chain accepted; you and the caller are still together.' };
        text('patch-state', state[call.patch.state] ?? call.patch.state);
        const steps = document.createDocumentFragment();
        for (const step of call.patch.steps) {
            const item = document.createElement('li');
            item.dataset.result = step.result;
            item.textContent = `${names.get(step.clinicianId) ?? step.clinicianId}: ${step.result}`;
            steps.append(item);
        }
        $('patch-steps').replaceChildren(steps);
    };

    const renderCall = (call) => {
        const section = $('desk-call');
        $('desk-idle').hidden = !!call;
        section.hidden = !call;
        if (!call) {
            formCall = null;
            form.hidden = true;
            return;
        }

        const card = call.card;
        if (!call.answered && announced !== call.callId) {
            announced = call.callId;
            text('desk-announce', `Call offered: ${card.practiceName}, ${call.priority}. Say: ${card.greeting}`);
        }
        text('desk-call-heading', call.answered ? `On the call · ${card.practiceName}` : `Call offered · answer your phone · ${card.practiceName}`);
        section.dataset.callId = call.callId;
        section.dataset.answered = String(call.answered);
        const notice = $('desk-notice');
        notice.hidden = !call.notice;
        notice.textContent = call.notice ?? '';
        text('card-practice', card.practiceName);
        const priority = $('card-priority');
        priority.textContent = call.priority;
        priority.className = call.priority === 'urgent' ? 'badge urgent' : 'badge';
        text('card-greeting', card.greeting);
        text('card-instructions', card.instructions || 'None.');
        text('card-hours', card.officeHours);
        text('card-open', card.officeOpenNow ? 'open now' : 'closed now');
        text('card-caller', card.callerNumber ?? 'withheld');
        const oncall = document.createDocumentFragment();
        for (const clinician of card.onCall) {
            const item = document.createElement('li');
            item.textContent = clinician.reason ? `${clinician.name} (${clinician.reason})` : clinician.name;
            oncall.append(item);
        }
        if (card.onCall.length === 0) {
            const item = document.createElement('li');
            item.textContent = 'Nobody is on call now.';
            oncall.append(item);
        }
        $('card-oncall').replaceChildren(oncall);
        const path = document.createDocumentFragment();
        for (const step of call.path) {
            const item = document.createElement('li');
            item.textContent = `${clock(step.at)} ${step.what}`;
            path.append(item);
        }
        $('card-path').replaceChildren(path);
        tick();

        const answered = call.answered;
        // A patch can be asked for again only once the chain is exhausted.
        const patched = call.patch && call.patch.state !== 'exhausted';
        $('desk-patch').disabled = !answered || patched;
        $('desk-nurse').disabled = !answered;
        $('desk-office').disabled = !answered || !card.canTransferToOffice;
        $('desk-office').title = card.canTransferToOffice ? '' : 'The office is closed or has no line';
        $('desk-release').disabled = !answered;
        renderPatch(call);

        form.hidden = !answered;
        if (answered) {
            bindForm(call);
        }
        saved(call);
        if (call.messageId != null) {
            sessionStorage.removeItem(draftKey(call.callId));
        }
    };

    const render = (next) => {
        view = next;
        const status = $('desk-status');
        status.dataset.status = next.status;
        const strong = document.createElement('strong');
        strong.textContent = (says[next.status] ?? next.status) + (next.reason ? `: ${next.reason}` : '');
        status.replaceChildren(strong);
        $('desk-no-phone').hidden = next.hasPhone;
        const onCall = next.status === 'offered' || next.status === 'on-call';
        for (const id of ['desk-available', 'desk-break', 'desk-wrap-up', 'desk-sign-out']) {
            $(id).disabled = onCall;
        }
        renderCall(next.call);
    };

    const tick = () => {
        const call = view?.call;
        if (call) {
            const end = call.answeredAt ? Date.parse(call.answeredAt) : Date.now();
            text('card-waited', duration(end - Date.parse(call.queuedAt)) + (call.answeredAt ? '' : ' and counting'));
        }
    };

    const setStatus = (status) => {
        const body = { status };
        if (status === 'on-break') {
            const reason = $('desk-break-reason').value.trim();
            if (!reason) {
                text('desk-status-error', 'Type the reason for your break first.');
                $('desk-break-reason').focus();
                return;
            }
            body.reason = reason;
        }
        act('/api/desk/status', body, 'desk-status-error');
    };

    const submit = async () => {
        if (busy || !formCall) {
            return;
        }
        busy = true;
        text('form-error', '');
        saveDraft();
        try {
            const { status, json } = await post('/api/desk/message', read());
            if (status === 200) {
                showErrors({});
                sessionStorage.removeItem(draftKey(formCall));
                saved({ messageId: json.messageId });
            } else if (status === 422) {
                showErrors(json.errors ?? {});
            } else {
                text('form-error', json.error || json.title || `The desk refused (${status}).`);
            }
        } catch {
            text('form-error', 'The service did not answer; nothing was lost, try again.');
        } finally {
            busy = false;
        }
    };

    const actions = {
        'available': () => setStatus('available'),
        'break': () => setStatus('on-break'),
        'wrap-up': () => setStatus('wrap-up'),
        'sign-out': () => setStatus('signed-out'),
        'form': () => {
            if (!form.hidden) {
                form.elements.callerName.focus();
            }
        },
        'save': () => {
            if (!form.hidden) {
                submit();
            }
        },
        'patch': () => act('/api/desk/patch', {}, 'desk-action-error'),
        'nurse': () => act('/api/desk/transfer', { target: 'nurse' }, 'desk-action-error'),
        'office': () => act('/api/desk/transfer', { target: 'office' }, 'desk-action-error'),
        'release': () => act('/api/desk/release', {}, 'desk-action-error'),
    };

    for (const button of root.querySelectorAll('button[data-action]')) {
        button.addEventListener('click', () => actions[button.dataset.action]());
    }
    $('desk-break-reason').addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
            e.preventDefault();
            setStatus('on-break');
        }
    });
    form.addEventListener('input', saveDraft);
    form.addEventListener('change', saveDraft);
    form.addEventListener('submit', (e) => {
        e.preventDefault();
        submit();
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
        const action = keys.get(e.code);
        const button = root.querySelector(`button[data-action="${action}"]`);
        e.preventDefault();
        if (button && button.disabled) {
            return;
        }
        actions[action]();
    });

    const events = new EventSource('/api/desk/events');
    events.addEventListener('view', (e) => {
        const next = JSON.parse(e.data);
        render(next);
        // The card is drawn: the desk rings the operator's phone now (it waits for this, briefly, while the page is open).
        // Not through post(): showing a card is not the operator's activity, so it renews nothing.
        if (next.call && next.call.callId !== seen) {
            seen = next.call.callId;
            fetch('/api/desk/seen', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token() },
                body: JSON.stringify({ callId: seen }),
                credentials: 'same-origin',
            }).catch(() => {});
        }
    });
    events.addEventListener('expired', () => {
        events.close();
        signIn();
    });
    events.addEventListener('error', () => {
        if (events.readyState === EventSource.CLOSED) {
            signIn();
        }
    });
    setInterval(tick, 1000);
}
