-- The quarterly muhtar report and the annual 4982 report read a period's cases by channel or by type.
CREATE INDEX cases_channel_received ON cases (channel, received_at);
CREATE INDEX cases_type_received ON cases (type, received_at);
