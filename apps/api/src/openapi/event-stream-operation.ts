/** A GET that answers Server-Sent Events opened with a stream ticket (live/event-streams.ts), as OpenAPI describes it. */
export function eventStreamOperation(operationId: string, summary: string, errorResponse: (description: string) => unknown, forbidden: string) {
  return {
    get: {
      operationId,
      summary,
      security: [{ streamTicket: [] }],
      parameters: [
        { name: 'ticket', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'lastEventId', in: 'query', required: false, description: 'as the Last-Event-ID header, for a stream reopened with a new ticket', schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'Server-Sent Events',
          content: {
            'text/event-stream': {
              // One server-sent event, as a client's parser gives it (what schemathesis checks each against).
              schema: {
                type: 'object',
                properties: {
                  event: { type: 'string', enum: ['snapshot', 'delta', 'heartbeat'] },
                  data: { type: 'string', description: 'JSON: snapshot {at, rows}, delta {at, upsert, remove}, heartbeat {at}' },
                  id: { type: 'string' },
                  retry: { type: 'integer' },
                },
              },
            },
          },
        },
        '401': errorResponse('no ticket, or one altered, expired or of another API process (AUTH.TICKET_INVALID)'),
        '403': errorResponse(forbidden),
      },
    },
  };
}
