package corpus

import (
	"strings"
	"testing"
)

func TestFindDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Sunday, 5 June 2016", []string{"2016-06-05"}},
		{"4 June, 2016", []string{"2016-06-04"}},
		{"September 2, 2019", []string{"2019-09-02"}},
		{"2016-06-04", []string{"2016-06-04"}},
		{"Tue, Sept. 3rd, 2019 and 1 Jan 2020", []string{"2019-09-03", "2020-01-01"}},
		{"the 14th of February 2018", []string{"2018-02-14"}},
		{"in November 2015 the Russians", []string{"2015-11"}},
		{"published May 31 in a daily", nil},                // no year
		{"on September 30 they began", nil},                 // no year
		{"may 2016 bring peace", nil},                       // a verb, not a month
		{"31 June 2016 and 2016-13-01 and 1799-01-01", nil}, // no such dates
		{"Astana process in 2017", nil},                     // a bare year dates nothing
	}
	for _, tt := range tests {
		var got []string
		for _, m := range findDates(tt.in) {
			got = append(got, m.Date.String())
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("findDates(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	tests := []struct {
		line string
		want string // "" for not a dateline
	}{
		{"Sunday, 5 June 2016", "2016-06-05"},
		{"4 June, 2016", "2016-06-04"},
		{"September 2, 2019", "2019-09-02"},
		{"2016-06-04", "2016-06-04"},
		{"June 2016", "2016-06"},
		{"Posted on June 4, 2016 at 10:22 pm", "2016-06-04"},
		{"Published: 2020-03-01 14:05 GMT | Updated: 2020-03-02", "2020-03-01"},
		{"By Jane Smith | 12 March 2021", "2021-03-12"},
		{"Mohammad Ballout, 3 June, 2016", "2016-06-03"},
		{"It happened on June 4, 2016.", ""},
		{"In an interview published May 31 in Russia’s daily Komsomolskaya Pravda, Lavrov said so.", ""},
		{"The deal was signed on 4 June 2016 in Ankara", ""},
		{"May 31", ""},
		{"Tuesday, 1 March", ""},
	}
	for _, tt := range tests {
		d, ok := datelineDate(tt.line)
		if got := d.String(); ok != (tt.want != "") || got != tt.want {
			t.Errorf("datelineDate(%q) = %q, %v; want %q", tt.line, got, ok, tt.want)
		}
	}
}

func TestLeadDatelineDate(t *testing.T) {
	tests := []struct {
		para string
		want string
	}{
		{"MOSCOW, June 4, 2016 (Reuters) - Russia said on Saturday it would resume strikes.", "2016-06-04"},
		{"Washington, 4 June 2016 — The State Department said nothing.", "2016-06-04"},
		{"MOSCOW, June 4 (Reuters) - No year, no date.", ""},
		{"However, June 4, 2016 was a Saturday.", ""},
	}
	for _, tt := range tests {
		d, ok := leadDatelineDate(tt.para)
		if got := d.String(); ok != (tt.want != "") || got != tt.want {
			t.Errorf("leadDatelineDate(%q) = %q, %v; want %q", tt.para, got, ok, tt.want)
		}
	}
}

func TestParseLooseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2016-06-04", "2016-06-04"},
		{"2016-06-04T10:00:00Z", "2016-06-04"},
		{"2016-06", "2016-06"},
		{"June 4, 2016", "2016-06-04"},
		{"Sat, 04 Jun 2016 10:00:00 +0000", "2016-06-04"},
		{"yesterday", ""},
		{"9999-12-31", ""},
		{"0000", ""},
		{"2016", "2016"},
	}
	for _, tt := range tests {
		d, ok := parseLooseDate(tt.in)
		if d.String() != tt.want || ok != (tt.want != "") {
			t.Errorf("parseLooseDate(%q) = %q, %v; want %q", tt.in, d, ok, tt.want)
		}
	}
}
