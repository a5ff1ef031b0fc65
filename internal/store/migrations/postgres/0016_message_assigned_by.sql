-- Who gave an incoming message that matched no complaint to one by hand.
-- Such a message is followed up as if it had matched (an identity reply
-- fills the identity), and that is the person's decision, taken in their
-- name: a message from a sender who is not the complaint's citizen never
-- changes anything by itself.
ALTER TABLE messages ADD COLUMN assigned_by BIGINT REFERENCES users(id);
