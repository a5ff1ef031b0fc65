package i18n

// faultMessages are the strings of faults: database away, unknown outcomes, reviews of sends: {Indonesian, English}.
var faultMessages = map[string][2]string{}
