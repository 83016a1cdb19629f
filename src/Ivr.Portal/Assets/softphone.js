// The desk's softphone: a WebRTC SIP phone in the page, registered with Asterisk over its WebSocket as
// the signed-in operator's endpoint (op-USERNAME). It mounts into <section id="softphone"> and needs
// nothing else from the page: its credentials come from GET /api/desk/softphone (or the section's
// data-credentials), which sets a fresh password each time, so no lasting SIP secret is kept here.
//
// What it shows: registered or not, an incoming call with Answer and Hang up (Alt+A and Alt+H, or the
// keys the section's data-answer-key and data-hangup-key name), the call in progress; the caller's
// audio plays in an <audio> element. After a dropped connection JsSIP reconnects and registers again;
// a refused registration (a password replaced by another tab, a restarted service) fetches new
// credentials and starts again, waiting a little longer each time.
//
// State for the page and for tests: section[data-registration] is connecting | registered |
// unregistered | failed, section[data-call] is none | ringing | answered; section.softphoneStats()
// resolves to the received audio's packets and level and the addresses ICE chose.
import JsSIP from '/assets/jssip.min.js';

const RETRY_FIRST_MS = 2000;
const RETRY_LONGEST_MS = 30000;

function element(tag, attributes = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text) {
    node.textContent = text;
  }
  return node;
}

/** Mounts the softphone into a section; returns a function that stops it. */
export function mountSoftphone(section) {
  const credentialsUrl = section.dataset.credentials || '/api/desk/softphone';
  const answerKey = (section.dataset.answerKey || 'a').toLowerCase();
  const hangupKey = (section.dataset.hangupKey || 'h').toLowerCase();

  const heading = element('h2', {}, 'Phone');
  const status = element('p', { class: 'softphone-status', role: 'status' }, 'Phone: connecting…');
  const call = element('div', { class: 'softphone-call' });
  call.hidden = true;
  const callText = element('p', { class: 'softphone-call-text', 'aria-live': 'assertive' });
  const answer = element('button', { type: 'button', 'data-action': 'answer', 'aria-keyshortcuts': `Alt+${answerKey.toUpperCase()}` }, `Answer (Alt+${answerKey.toUpperCase()})`);
  const hangup = element('button', { type: 'button', 'data-action': 'hangup', 'aria-keyshortcuts': `Alt+${hangupKey.toUpperCase()}` }, `Hang up (Alt+${hangupKey.toUpperCase()})`);
  call.append(callText, answer, hangup);
  const audio = element('audio', { class: 'softphone-audio' });
  audio.autoplay = true;
  section.replaceChildren(heading, status, call, audio);

  let ua = null;
  let session = null;
  let stopped = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer = null;

  function setRegistration(state, text) {
    section.dataset.registration = state;
    status.textContent = `Phone: ${text}`;
  }

  function setCall(state, text) {
    section.dataset.call = state;
    call.hidden = state === 'none';
    answer.hidden = state !== 'ringing';
    callText.textContent = text;
  }

  function playRemote(connection) {
    const tracks = connection.getReceivers().map(r => r.track).filter(t => t && t.kind === 'audio');
    if (tracks.length > 0) {
      audio.srcObject = new MediaStream(tracks);
      audio.play().catch(() => { /* autoplay refused: the next user gesture (Answer) plays it */ });
    }
  }

  function watch(connection) {
    connection.addEventListener('track', event => {
      audio.srcObject = event.streams[0] || new MediaStream([event.track]);
      audio.play().catch(() => {});
    });
  }

  function endCall() {
    session = null;
    audio.srcObject = null;
    setCall('none', '');
  }

  function onSession(event) {
    if (event.originator !== 'remote') {
      return;
    }
    if (session) {
      // One call at a time: the desk never offers a second while one is up.
      event.session.terminate({ status_code: 486 });
      return;
    }
    session = event.session;
    const current = session;
    if (current.connection) {
      watch(current.connection);
    }
    current.on('peerconnection', e => watch(e.peerconnection));
    current.on('accepted', () => {
      if (current === session) {
        setCall('answered', 'On a call');
        playRemote(current.connection);
      }
    });
    current.on('confirmed', () => current === session && playRemote(current.connection));
    current.on('ended', () => current === session && endCall());
    current.on('failed', () => current === session && endCall());
    setCall('ringing', 'Incoming call from the desk');
  }

  function doAnswer() {
    if (session && section.dataset.call === 'ringing') {
      session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
    }
  }

  function doHangup() {
    if (session) {
      session.terminate();
    }
  }

  function onKey(event) {
    // Alt alone: Alt+Shift is the desk page's own keys (Alt+Shift+A is "available", not "answer").
    if (!event.altKey || event.shiftKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === answerKey && section.dataset.call === 'ringing') {
      event.preventDefault();
      doAnswer();
    } else if (key === hangupKey && section.dataset.call !== 'none') {
      event.preventDefault();
      doHangup();
    }
  }

  function retryLater() {
    if (stopped || retryTimer) {
      return;
    }
    retryTimer = setTimeout(() => { retryTimer = null; start(); }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_LONGEST_MS);
  }

  async function start() {
    if (stopped) {
      return;
    }
    if (ua) {
      ua.removeAllListeners();
      ua.stop();
      ua = null;
    }
    setRegistration('connecting', 'connecting…');
    let credentials;
    try {
      const response = await fetch(credentialsUrl, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      if (!response.ok) {
        setRegistration('failed', response.status === 404 ? 'no softphone for this account' : 'not available');
        if (response.status !== 404 && response.status !== 403) {
          retryLater();
        }
        return;
      }
      credentials = await response.json();
    } catch {
      setRegistration('failed', 'cannot reach the service');
      retryLater();
      return;
    }
    if (stopped) {
      return;
    }

    const socket = new JsSIP.WebSocketInterface(credentials.webSocketUrl);
    ua = new JsSIP.UA({
      sockets: [socket],
      uri: credentials.sipUri,
      password: credentials.password,
      register: true,
      register_expires: 300,
      session_timers: false,
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
      user_agent: 'ivr-desk-softphone',
    });
    const current = ua;
    current.on('registered', () => { retryMs = RETRY_FIRST_MS; setRegistration('registered', 'ready'); });
    current.on('unregistered', () => setRegistration('unregistered', 'not registered'));
    current.on('disconnected', () => setRegistration('unregistered', 'connection lost, reconnecting…'));
    current.on('registrationFailed', () => {
      setRegistration('failed', 'registration refused, trying again…');
      retryLater();
    });
    current.on('newRTCSession', onSession);
    current.start();
  }

  answer.addEventListener('click', doAnswer);
  hangup.addEventListener('click', doHangup);
  document.addEventListener('keydown', onKey);
  section.softphoneStats = async () => {
    const result = { packetsReceived: 0, audioLevel: 0, localAddress: null, remoteAddress: null };
    if (!session || !session.connection) {
      return result;
    }
    const stats = await session.connection.getStats();
    let pair = null;
    stats.forEach(report => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        result.packetsReceived += report.packetsReceived || 0;
        result.audioLevel = Math.max(result.audioLevel, report.audioLevel || 0);
      } else if (report.type === 'transport' && report.selectedCandidatePairId) {
        pair = stats.get(report.selectedCandidatePairId);
      }
    });
    if (pair) {
      result.localAddress = stats.get(pair.localCandidateId)?.address ?? null;
      result.remoteAddress = stats.get(pair.remoteCandidateId)?.address ?? null;
    }
    return result;
  };
  setCall('none', '');
  start();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    document.removeEventListener('keydown', onKey);
    if (session) {
      session.terminate();
    }
    if (ua) {
      ua.removeAllListeners();
      ua.stop();
    }
  };
}

const mount = document.getElementById('softphone');
if (mount) {
  mountSoftphone(mount);
}
