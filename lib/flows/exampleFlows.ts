import type { FlowInput } from './flowInput';

// Two flows a new user gets, to show what flows are for: parallel actions, then a step that uses them.

const action = (name: string, content: string) => ({
  name,
  promptId: null,
  messages: [
    { role: 'system' as const, content: 'You are a precise assistant. Answer in Markdown.' },
    { role: 'user' as const, content },
  ],
  providerId: null,
  model: '',
  temperature: 0.3,
  fileIds: [],
});

export const EXAMPLE_FLOWS: FlowInput[] = [
  {
    id: 'example-brief',
    name: 'Brief from selection',
    description: 'Summarise the selection and extract its key terms in parallel, then write a short brief from both.',
    steps: [
      {
        id: 'example-brief-1',
        name: 'Read',
        continueOnError: false,
        actions: [
          { id: 'example-brief-summary', ...action('summary', 'Summarize this text in three bullet points:\n\n{{selection}}') },
          { id: 'example-brief-terms', ...action('key_terms', 'List the five key terms of this text, each with a one-line definition:\n\n{{selection}}') },
        ],
      },
      {
        id: 'example-brief-2',
        name: 'Write',
        continueOnError: false,
        actions: [
          {
            id: 'example-brief-brief',
            ...action(
              'brief',
              'Write a brief of at most 120 words for a busy reader, from this summary and these key terms.\n\nSummary:\n{{outputs.summary}}\n\nKey terms:\n{{outputs.key_terms}}',
            ),
          },
        ],
      },
    ],
  },
  {
    id: 'example-reply',
    name: 'Draft a reply',
    description: 'Read a message for its tone and its asks in parallel, then draft a reply that answers every ask in a matching tone.',
    steps: [
      {
        id: 'example-reply-1',
        name: 'Understand',
        continueOnError: false,
        actions: [
          { id: 'example-reply-tone', ...action('tone', 'Describe in one sentence the tone and intent of this message:\n\n{{selection}}') },
          { id: 'example-reply-asks', ...action('asks', 'List every question or request in this message, one per line:\n\n{{selection}}') },
        ],
      },
      {
        id: 'example-reply-2',
        name: 'Draft',
        continueOnError: false,
        actions: [
          {
            id: 'example-reply-draft',
            ...action(
              'reply',
              'Draft a reply to the message below. Match this tone: {{outputs.tone}}\nAnswer each of these:\n{{outputs.asks}}\n\nMessage:\n{{selection}}',
            ),
          },
        ],
      },
    ],
  },
];
