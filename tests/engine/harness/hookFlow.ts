import { flow, link, node } from '../../unit/build.ts';

/** Posts to a hook that has no idempotency support: it cannot be repeated blindly. */
export const hookFlow = (url: string) =>
  flow(
    'post-hook',
    [
      node('start', 'start'),
      node('post', 'capability', { capability: 'acme.hook', input: { name: 'Ada' } }),
      node('end', 'output'),
    ],
    [link('start', 'post'), link('post', 'end')],
    {
      name: 'Post hook',
      capabilities: [
        {
          id: 'acme.hook',
          title: 'Post to Acme',
          description: 'Posts to the Acme hook.',
          sideEffect: 'write',
          method: 'POST',
          url,
          body: '{"hello":"{{ input.name }}"}',
        },
      ],
    },
  );
