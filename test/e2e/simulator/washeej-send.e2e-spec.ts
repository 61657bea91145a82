import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, api, customerWrites, DEMO, fileOf, phoneStatuses, type Api } from './washeej.e2e-helpers.js';

const CLOUD = '966512345678';
const DEVICE = '966598765432';
const MB = 1024 * 1024;
const MESSAGE_REQUIRED =
  'The message field is required when none of image / document / video / audio / latitude / longitude / cta url id / interactive list id are present.';

type Message = Record<string, unknown>;
const messageOf = (body: { data?: Record<string, unknown> }) => body.data?.message as Message;

describe('Washeej simulator: send-message', () => {
  let sim: StartedSimulator;
  let demo: Api;
  const toAhmed = { mobile_code: '966', mobile: '501234567' };
  const via = (sender: string, mobile: string, extra: Record<string, unknown> = {}) => ({
    mobile_code: '966',
    mobile,
    from_number: sender,
    ...extra,
  });
  const viaCloud = (mobile: string, extra: Record<string, unknown> = {}) => via(CLOUD, mobile, extra);
  const viaDevice = (mobile: string, extra: Record<string, unknown> = {}) => via(DEVICE, mobile, extra);
  /** A new customer (not seeded) who writes in before each media and location test, so the window is open. */
  const CUSTOMER = '509999990';

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    demo = api(sim, DEMO.washeej);
  });
  beforeEach(() => admin(sim, 'POST', `/reset?account=${DEMO.washeej.id}`));
  afterAll(() => sim.close());

  it('sends free-form from the default Cloud number inside the 24 h window (multipart, remark success)', async () => {
    const reply = await demo.post(
      '/inbox/send-message',
      { ...toAhmed, message: 'Hello! This is a test message.' },
      'multipart',
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      remark: 'success',
      status: 'success',
      message: ['Message sent successfully'],
      data: {
        conversation_id: 1,
        message: {
          conversation_id: 1,
          contact_id: 1,
          type: 'text',
          message: 'Hello! This is a test message.',
          from_number: CLOUD,
          to_number: '966501234567',
          status: 1,
        },
      },
    });
    expect(String(messageOf(reply.body).whatsapp_message_id)).toMatch(/^wamid\./);
  });

  it('refuses free-form from a Cloud number outside the window or to a new contact (window_closed)', async () => {
    const closed = {
      remark: 'window_closed',
      status: 'error',
      message: [
        'The 24-hour customer service window is closed: the customer has not written in the last 24 hours.',
        'A template message must be used to start the conversation (send-template-message).',
      ],
    };
    expect(
      (await demo.post('/inbox/send-message', { mobile_code: '966', mobile: '502345678', message: 'Hi' }))
        .body,
    ).toEqual(closed);
    expect(
      (
        await demo.post(
          '/inbox/send-message',
          { mobile_code: '966', mobile: '509999999', from_number: CLOUD, message: 'Hi' },
          'form',
        )
      ).body,
    ).toEqual(closed);
    const contacts = (await demo.get('/contact/list')).body.data?.contacts as { total: number };
    expect(contacts.total).toBe(4);
  });

  it('refuses free-form from a Device number (not_cloud_sender), even inside the window, storing nothing', async () => {
    // washeej.txt: from_number "must be a Cloud API (Meta Business) account, not a Device/QR account".
    const notCloud = {
      remark: 'not_cloud_sender',
      status: 'error',
      message: ['The from number must be a Cloud API (Meta Business) account, not a Device/QR account.'],
    };
    // Ids continue from the seed's last message (they start from the simulator's start time).
    const seeded = (await admin(sim, 'GET', `/messages?account=${DEMO.washeej.id}`))
      .body as unknown as Array<{
      id: string;
    }>;
    const lastSeededId = Math.max(...seeded.map((m) => Number(m.id)));
    // Ahmed wrote 30 minutes ago: the Cloud number may answer him, the Device number may not.
    const toOpenWindow = await demo.post('/inbox/send-message', viaDevice('501234567', { message: 'Hi' }));
    expect(toOpenWindow.status).toBe(200);
    expect(toOpenWindow.body).toEqual(notCloud);
    const toNewNumber = await demo.post(
      '/inbox/send-message',
      viaDevice('509999999', { message: 'Hi there' }),
      'form',
    );
    expect(toNewNumber.status).toBe(200);
    expect(toNewNumber.body).toEqual(notCloud);
    const media = await demo.post(
      '/inbox/send-message',
      viaDevice('501234567', { image: fileOf('a.jpg', 'image/jpeg', 10), message: 'caption' }),
      'multipart',
    );
    expect(media.body).toEqual(notCloud);

    // Nothing stored: no message on either phone, no new contact or conversation.
    expect(await phoneStatuses(sim, DEMO.washeej.id, '966501234567')).toEqual(['3']);
    expect(await phoneStatuses(sim, DEMO.washeej.id, '966509999999')).toEqual([]);
    expect(((await demo.get('/contact/list')).body.data?.contacts as { total: number }).total).toBe(4);
    expect(
      ((await demo.get('/inbox/conversation-list')).body.data?.conversation as { total: number }).total,
    ).toBe(2);
    // The next accepted message takes the next id: the refused ones used none.
    const accepted = await demo.post('/inbox/send-message', { ...toAhmed, message: 'From the Cloud number' });
    expect(messageOf(accepted.body)).toMatchObject({
      id: lastSeededId + 1,
      from_number: CLOUD,
      conversation_id: 1,
    });
  });

  it('sends free-form from a Cloud number to a new customer who just wrote, into the contact and conversation of that customer', async () => {
    expect(
      (await demo.post('/inbox/send-message', viaCloud('509999999', { message: 'Too early' }))).body.remark,
    ).toBe('window_closed');
    await customerWrites(sim, DEMO.washeej.id, '+966509999999');
    const reply = await demo.post(
      '/inbox/send-message',
      viaCloud('509999999', { message: 'Hi there' }),
      'form',
    );
    expect(reply.body).toMatchObject({
      remark: 'success',
      data: {
        conversation_id: 3,
        message: {
          from_number: CLOUD,
          to_number: '966509999999',
          contact_id: 5,
          conversation_id: 3,
          message: 'Hi there',
        },
      },
    });
    const contacts = (await demo.get('/contact/list')).body.data?.contacts as {
      total: number;
      data: Message[];
    };
    expect(contacts.total).toBe(5);
    expect(contacts.data[0]).toMatchObject({ id: 5, mobile_code: '966', mobile: '509999999' });
    const conversations = (await demo.get('/inbox/conversation-list')).body.data?.conversation as {
      total: number;
      data: Message[];
    };
    expect(conversations.total).toBe(3);
    expect(conversations.data[0]).toMatchObject({ id: 3, contact_id: 5 });
    const again = await demo.post('/inbox/send-message', viaCloud('509999999', { message: 'Again' }));
    expect(again.body).toMatchObject({ data: { conversation_id: 3, message: { contact_id: 5 } } });
    expect(((await demo.get('/contact/list')).body.data?.contacts as { total: number }).total).toBe(5);
    expect(await phoneStatuses(sim, DEMO.washeej.id, '966509999999')).toHaveLength(2);
  });

  it('validates recipient, sender and message (validation_error sentences)', async () => {
    expect((await demo.post('/inbox/send-message', {})).body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The mobile code field is required.', 'The mobile field is required.', MESSAGE_REQUIRED],
    });
    const wrongSender = await demo.post('/inbox/send-message', {
      ...toAhmed,
      from_number: '966500000999',
      message: 'x',
    });
    expect(wrongSender.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The selected from number is invalid.'],
    });
    const plus = await demo.post('/inbox/send-message', {
      mobile_code: '+966',
      mobile: '+501234567',
      message: ['a'],
    });
    expect(plus.body.message).toEqual([
      'The mobile code format is invalid.',
      'The mobile format is invalid.',
      'The message must be a string.',
    ]);
    const numbers = await demo.post('/inbox/send-message', {
      mobile_code: 966,
      mobile: 501234567,
      message: 'numbers ok',
    });
    expect(numbers.body.remark).toBe('success');
  });

  it('sends media as multipart within the documented types and sizes', async () => {
    await customerWrites(sim, DEMO.washeej.id, `+966${CUSTOMER}`);
    const image = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { image: fileOf('a.jpg', 'image/jpeg', 1024), message: 'caption' }),
      'multipart',
    );
    expect(messageOf(image.body)).toMatchObject({
      from_number: CLOUD,
      type: 'image',
      message: 'caption',
      media: { filename: 'a.jpg', size: 1024 },
    });
    const doc = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { document: fileOf('c.docx', 'application/octet-stream', 10) }),
      'multipart',
    );
    expect(messageOf(doc.body)).toMatchObject({ type: 'document', message: null });
    const audio = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { audio: fileOf('v.ogg', 'audio/ogg', 10) }),
      'multipart',
    );
    expect(messageOf(audio.body)).toMatchObject({ type: 'audio' });
    const video = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { video: fileOf('v.mp4', 'video/mp4', 10) }),
      'multipart',
    );
    expect(messageOf(video.body)).toMatchObject({ type: 'video' });
  });

  it('refuses media of the wrong type or over the limit, and media fields that are not files', async () => {
    await customerWrites(sim, DEMO.washeej.id, `+966${CUSTOMER}`);
    const big = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { image: fileOf('a.png', 'image/png', 5 * MB + 1) }),
      'multipart',
    );
    expect(big.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The image may not be greater than 5120 kilobytes.'],
    });
    const gif = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { image: fileOf('a.gif', 'image/gif', 10) }),
      'multipart',
    );
    expect(gif.body.message).toEqual(['The image must be a file of type: jpg, jpeg, png.']);
    const longVideo = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { video: fileOf('v.mov', 'video/quicktime', 16 * MB + 1) }),
      'multipart',
    );
    expect(longVideo.body.message).toEqual([
      'The video must be a file of type: mp4.',
      'The video may not be greater than 16384 kilobytes.',
    ]);
    const loudAudio = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { audio: fileOf('a.mp3', 'audio/mpeg', 16 * MB + 1) }),
      'multipart',
    );
    expect(loudAudio.body.message).toEqual(['The audio may not be greater than 16384 kilobytes.']);
    const notFile = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { image: 'https://example.com/a.png' }),
    );
    expect(notFile.body.message).toEqual(['The image must be a file.']);
  });

  it('sends a location (latitude with longitude) and refuses one without the other', async () => {
    await customerWrites(sim, DEMO.washeej.id, `+966${CUSTOMER}`);
    const ok = await demo.post(
      '/inbox/send-message',
      viaCloud(CUSTOMER, { latitude: 24.7136, longitude: '46.6753' }),
    );
    expect(messageOf(ok.body)).toMatchObject({ type: 'location', latitude: 24.7136, longitude: 46.6753 });
    expect(
      (await demo.post('/inbox/send-message', viaCloud(CUSTOMER, { latitude: '24.7' }))).body.message,
    ).toEqual(['The longitude field is required when latitude is present.']);
    expect(
      (await demo.post('/inbox/send-message', viaCloud(CUSTOMER, { latitude: 100, longitude: 'east' }))).body
        .message,
    ).toEqual(['The latitude must be between -90 and 90.', 'The longitude must be a number.']);
  });

  it('sends interactive CTA URL and list messages from a Cloud number with ids of the account', async () => {
    const cta = await demo.post('/inbox/send-message', { ...toAhmed, cta_url_id: 1 });
    expect(messageOf(cta.body)).toMatchObject({
      type: 'cta_url',
      cta_url_id: 1,
      message: 'Tap below to track your order.',
    });
    const list = await demo.post(
      '/inbox/send-message',
      { ...toAhmed, interactive_list_id: '1', message: 'Pick one' },
      'form',
    );
    expect(messageOf(list.body)).toMatchObject({
      type: 'interactive_list',
      interactive_list_id: 1,
      message: 'Pick one',
    });
    const unknown = await demo.post('/inbox/send-message', {
      ...toAhmed,
      cta_url_id: 2,
      interactive_list_id: 'one',
    });
    expect(unknown.body.message).toEqual([
      'The selected cta url id is invalid.',
      'The interactive list id must be an integer.',
    ]);
    const fromDevice = await demo.post(
      '/inbox/send-message',
      viaDevice('501234567', { interactive_list_id: 1 }),
    );
    expect(fromDevice.body).toEqual({
      remark: 'not_cloud_sender',
      status: 'error',
      message: ['Interactive messages are only supported on Cloud API accounts, not Device/QR accounts.'],
    });
  });

  it('refuses blocked contacts: the magic BLOCKED number and a contact flagged blocked (contact_blocked)', async () => {
    const blocked = {
      remark: 'contact_blocked',
      status: 'error',
      message: ['This contact is blocked.', 'Blocked contacts can neither send nor receive messages.'],
    };
    // Checked before the 24 h window (closed for both): the refusal names the block, not the window.
    expect((await demo.post('/inbox/send-message', viaCloud('500000002', { message: 'x' }))).body).toEqual(
      blocked,
    );
    expect((await demo.post('/inbox/send-message', viaCloud('503456789', { message: 'x' }))).body).toEqual(
      blocked,
    );
    expect(
      (
        await demo.post('/inbox/send-template-message', {
          mobile_code: '966',
          mobile: '500000002',
          template_id: 1,
          body_variables: ['a', 'b'],
        })
      ).body,
    ).toEqual(blocked);
  });
});
