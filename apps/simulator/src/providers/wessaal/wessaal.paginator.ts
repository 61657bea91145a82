/** Laravel's LengthAwarePaginator as JSON, including its `links` window (onEachSide 3). */
export function paginate<T>(
  items: T[],
  page: number,
  perPage: number,
  path: string,
): Record<string, unknown> {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage);
  const url = (p: number) => `${path}?page=${p}`;
  return {
    current_page: page,
    data,
    first_page_url: url(1),
    from: data.length > 0 ? start + 1 : null,
    last_page: lastPage,
    last_page_url: url(lastPage),
    links: links(page, lastPage, url),
    next_page_url: page < lastPage ? url(page + 1) : null,
    path,
    per_page: perPage,
    prev_page_url: page > 1 ? url(page - 1) : null,
    to: data.length > 0 ? start + data.length : null,
    total,
  };
}

interface Link {
  url: string | null;
  label: string;
  active: boolean;
}

/** Laravel's UrlWindow: every page when there are few, else the start, a slider around the page, and the end. */
function links(page: number, lastPage: number, url: (p: number) => string): Link[] {
  const onEachSide = 3;
  const window = onEachSide + 4;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  let groups: number[][];
  if (lastPage < onEachSide * 2 + 8) groups = [range(1, lastPage)];
  else if (page <= window) groups = [range(1, window + onEachSide), range(lastPage - 1, lastPage)];
  else if (page > lastPage - window)
    groups = [range(1, 2), range(lastPage - (window + (onEachSide - 1)), lastPage)];
  else groups = [range(1, 2), range(page - onEachSide, page + onEachSide), range(lastPage - 1, lastPage)];

  const out: Link[] = [{ url: page > 1 ? url(page - 1) : null, label: '&laquo; Previous', active: false }];
  groups.forEach((group, i) => {
    if (i > 0) out.push({ url: null, label: '...', active: false });
    for (const p of group) out.push({ url: url(p), label: String(p), active: p === page });
  });
  out.push({ url: page < lastPage ? url(page + 1) : null, label: 'Next &raquo;', active: false });
  return out;
}
