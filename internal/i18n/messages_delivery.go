package i18n

// deliveryMessages are the strings of messages reaching their person: agencies, answers, receipts, contacts: {Indonesian, English}.
var deliveryMessages = map[string][2]string{}
