import { startSimulator, type StartedSimulator } from '../../../apps/simulator/src/index.js';
import { admin, api, createAccount, DEMO, fileOf, type Api } from './washeej.e2e-helpers.js';

const PAGINATOR_KEYS = [
  'current_page',
  'data',
  'first_page_url',
  'from',
  'last_page',
  'last_page_url',
  'links',
  'next_page_url',
  'path',
  'per_page',
  'prev_page_url',
  'to',
  'total',
];

type Page = Record<string, unknown> & { data: Array<Record<string, unknown>>; total: number };
const contactsOf = (body: { data?: Record<string, unknown> }) => body.data?.contacts as Page;

describe('Washeej simulator: contacts', () => {
  let sim: StartedSimulator;
  let demo: Api;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    demo = api(sim, DEMO.washeej);
  });
  beforeEach(async () => {
    await admin(sim, 'POST', `/reset?account=${DEMO.washeej.id}`);
  });
  afterAll(() => sim.close());

  it('lists the demo contacts newest first as a full Laravel paginator (remark contact-list)', async () => {
    const reply = await demo.get('/contact/list');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      remark: 'contact-list',
      status: 'success',
      message: ['Contact list fetched successfully'],
    });
    const page = contactsOf(reply.body);
    expect(Object.keys(page).sort()).toEqual([...PAGINATOR_KEYS].sort());
    expect(page).toMatchObject({ current_page: 1, from: 1, to: 4, total: 4, last_page: 1, per_page: 20 });
    expect(page.path).toBe(`${sim.url}/washeej/external-api/contact/list`);
    expect(page.first_page_url).toBe(`${page.path}?page=1`);
    expect(page.data.map((c) => c.firstname)).toEqual(['John', 'Blocked', 'Sara', 'Ahmed']);
    expect(page.data[1]).toMatchObject({ is_blocked: 1, mobile_code: '966', mobile: '503456789' });
    expect(page.data[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(page.links).toEqual([
      { url: null, label: '&laquo; Previous', active: false },
      { url: `${page.path}?page=1`, label: '1', active: true },
      { url: null, label: 'Next &raquo;', active: false },
    ]);
  });

  it('pages with page and paginate, and searches first name, last name and mobile', async () => {
    const second = contactsOf((await demo.get('/contact/list', { page: 2, paginate: 3 })).body);
    expect(second).toMatchObject({ current_page: 2, from: 4, to: 4, total: 4, last_page: 2, per_page: 3 });
    expect(second.prev_page_url).toBe(`${second.path}?page=1`);
    expect(second.next_page_url).toBeNull();
    const beyond = contactsOf((await demo.get('/contact/list', { page: 9 })).body);
    expect(beyond).toMatchObject({ data: [], from: null, to: null, total: 4 });
    const bad = contactsOf((await demo.get('/contact/list', { page: 'x', paginate: '-1' })).body);
    expect(bad).toMatchObject({ current_page: 1, per_page: 20 });
    const byName = contactsOf((await demo.get('/contact/list', { search: 'sAR' })).body);
    expect(byName.data.map((c) => c.lastname)).toEqual(['Khan']);
    const byLast = contactsOf((await demo.get('/contact/list', { search: 'doe' })).body);
    expect(byLast.data.map((c) => c.firstname)).toEqual(['John']);
    const byMobile = contactsOf((await demo.get('/contact/list', { search: '501234' })).body);
    expect(byMobile.data.map((c) => c.firstname)).toEqual(['Ahmed']);
    expect(contactsOf((await demo.get('/contact/list', { search: 'zzz' })).body).total).toBe(0);
  });

  it('builds the sliding window of page links like Laravel', async () => {
    const account = await createAccount(sim);
    const client = api(sim, account);
    for (let i = 0; i < 20; i++) {
      const r = await client.post('/contact/store', {
        firstname: `C${i}`,
        lastname: 'X',
        mobile_code: '966',
        mobile: `5100000${i + 10}`,
      });
      expect(r.body.remark).toBe('contact_save');
    }
    const page = contactsOf((await client.get('/contact/list', { paginate: 1, page: 10 })).body);
    const labels = (page.links as Array<{ label: string }>).map((l) => l.label);
    expect(labels).toEqual([
      '&laquo; Previous',
      '1',
      '2',
      '...',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '...',
      '19',
      '20',
      'Next &raquo;',
    ]);
  });

  it.each(['json', 'form', 'multipart'] as const)(
    'stores a contact sent as %s (remark contact_save)',
    async (kind) => {
      const account = await createAccount(sim);
      const client = api(sim, account);
      const reply = await client.post(
        '/contact/store',
        {
          firstname: 'John',
          lastname: 'Doe',
          mobile_code: '880',
          mobile: '01988',
          city: 'Dhaka',
          post_code: '1207',
        },
        kind,
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        remark: 'contact_save',
        status: 'success',
        message: ['Contact saved successfully'],
        data: {
          contact: {
            id: 1,
            firstname: 'John',
            lastname: 'Doe',
            mobile_code: '880',
            mobile: '01988',
            city: 'Dhaka',
            post_code: '1207',
            state: null,
            is_blocked: 0,
          },
        },
      });
      expect(contactsOf((await client.get('/contact/list')).body).total).toBe(1);
    },
  );

  it('stores a profile image sent as multipart and refuses other file types', async () => {
    const client = api(sim, await createAccount(sim));
    const ok = await storeWithImage(client, '511111111', fileOf('me.png', 'image/png', 2048));
    expect((ok.body.data?.contact as Record<string, unknown>).profile_image).toEqual(
      expect.stringContaining('me.png'),
    );
    const bad = await storeWithImage(client, '511111112', fileOf('cv.pdf', 'application/pdf', 10));
    expect(bad.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The profile image must be a file of type: jpg, jpeg, png.'],
    });
  });

  it('takes a profile image of any size (the docs give no limit) and judges its type by name or content type', async () => {
    const client = api(sim, await createAccount(sim));
    const large = await storeWithImage(client, '511111113', fileOf('big.jpg', 'image/jpeg', 6 * 1024 * 1024));
    expect(large.body).toMatchObject({ status: 'success' });
    const unnamed = await storeWithImage(client, '511111114', fileOf('scan.bin', 'image/png', 100));
    expect(unnamed.body).toMatchObject({ status: 'success' });
  });

  it('answers validation_error (HTTP 200) with flat Laravel sentences in field order', async () => {
    const client = api(sim, await createAccount(sim));
    const empty = await client.post('/contact/store', {});
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: [
        'The firstname field is required.',
        'The lastname field is required.',
        'The mobile code field is required.',
        'The mobile field is required.',
      ],
    });
    const wrong = await client.post('/contact/store', {
      firstname: 'x'.repeat(41),
      lastname: 12,
      mobile_code: '+966',
      mobile: '50-123',
    });
    expect(wrong.body.message).toEqual([
      'The firstname may not be greater than 40 characters.',
      'The lastname must be a string.',
      'The mobile code format is invalid.',
      'The mobile format is invalid.',
    ]);
    const first = await client.post('/contact/store', {
      firstname: 'A',
      lastname: 'B',
      mobile_code: 966,
      mobile: 500000123,
    });
    expect(first.body.remark).toBe('contact_save');
    const dup = await client.post('/contact/store', {
      firstname: 'C',
      lastname: 'D',
      mobile_code: '966',
      mobile: '500000123',
    });
    expect(dup.body).toEqual({
      remark: 'validation_error',
      status: 'error',
      message: ['The mobile has already been taken.'],
    });
  });

  it('updates only the fields sent (remark contact_update) and refuses unknown ids with unknown_contact', async () => {
    const updated = await demo.post('/contact/update/2', { city: 'Mecca' }, 'form');
    expect(updated.body).toMatchObject({
      remark: 'contact_update',
      status: 'success',
      data: { contact: { id: 2, firstname: 'Sara', lastname: 'Khan', city: 'Mecca', mobile: '502345678' } },
    });
    const moved = await demo.post('/contact/update/2', { mobile: '502345679' });
    expect((moved.body.data?.contact as Record<string, unknown>).mobile).toBe('502345679');
    const taken = await demo.post('/contact/update/2', { mobile: '501234567' });
    expect(taken.body).toMatchObject({
      remark: 'validation_error',
      message: ['The mobile has already been taken.'],
    });
    const blank = await demo.post('/contact/update/2', { firstname: '' });
    expect(blank.body).toMatchObject({
      remark: 'validation_error',
      message: ['The firstname field is required.'],
    });
    for (const id of ['999', 'abc', '0']) {
      const unknown = await demo.post(`/contact/update/${id}`, { city: 'X' });
      expect(unknown.body).toEqual({
        remark: 'unknown_contact',
        status: 'error',
        message: ['The contact is not found'],
      });
    }
  });

  it('deletes a contact without messages and refuses one with messages or blocked (contact_error)', async () => {
    expect((await demo.delete('/contact/delete/1')).body).toEqual({
      remark: 'contact_error',
      status: 'error',
      message: ['Unable to delete contact with messages'],
    });
    expect((await demo.delete('/contact/delete/3')).body).toEqual({
      remark: 'contact_error',
      status: 'error',
      message: ['Unable to delete contact which is blocked'],
    });
    const form = new FormData();
    form.append('firstname', 'John');
    const deleted = await demo.raw('DELETE', '/contact/delete/4', { body: form });
    expect(deleted.body).toEqual({
      remark: 'contact_deleted',
      status: 'success',
      message: ['Contact deleted successfully'],
    });
    expect((await demo.delete('/contact/delete/4')).body).toEqual({
      remark: 'not_found',
      status: 'error',
      message: ['The contact is not found'],
    });
    expect((await demo.delete('/contact/delete/x1')).body.remark).toBe('not_found');
    expect(contactsOf((await demo.get('/contact/list')).body).total).toBe(3);
  });
});

/** A contact stored with a profile image, as multipart: only the number and the file differ between the cases. */
function storeWithImage(client: Api, mobile: string, profileImage: File) {
  return client.post(
    '/contact/store',
    { firstname: 'A', lastname: 'B', mobile_code: '966', mobile, profile_image: profileImage },
    'multipart',
  );
}
