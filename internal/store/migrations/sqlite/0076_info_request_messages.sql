-- The messages sent to a requester about their request (the receipt, the
-- written notices), so that the PPID's page shows whether each reached
-- them. Messages have no complaint; this names their request.
CREATE TABLE info_request_messages (
	request_id BIGINT NOT NULL REFERENCES info_requests(id),
	message_id BIGINT NOT NULL REFERENCES messages(id),
	PRIMARY KEY (request_id, message_id)
);
