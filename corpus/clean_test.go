package corpus

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"  spaced \t out  ", "spaced out"},
		{"non\u00a0breaking", "non breaking"},
		{"thin\u2009and\u202fnarrow\u3000wide", "thin and narrow wide"},
		{"line\r\nbreak\nhere", "line break here"},
		{"zero\u200bwidth\u200d join\ufeff", "zerowidth join"},
		{"soft\u00adhyphen", "softhyphen"},
		{"Lavrov\u00a0 \u00a0said", "Lavrov said"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassifyLine(t *testing.T) {
	// Lines as any news site or blog prints them; none is from the team corpus.
	tests := []struct {
		line string
		want lineKind
	}{
		{"Subscribe to our newsletter for daily updates.", lineFurniture},
		{"Please subscribe to our YouTube channel", lineFurniture},
		{"Follow us on Twitter and Facebook", lineFurniture},
		{"Don't forget to follow The Daily Planet on Telegram.", lineFurniture},
		{"Read more »", lineFurniture},
		{"Continue reading →", lineFurniture},
		{"Click here to read the full report", lineFurniture},
		{"Share this:", lineFurniture},
		{"Share Tweet Email Print", lineFurniture},
		{"Email This BlogThis! Share to Twitter Share to Facebook", lineFurniture},
		{"Advertisement", lineFurniture},
		{"Related Articles", lineRelated},
		{"More from Business", lineRelated},
		{"© Reuters", lineFurniture},
		{"© 2024 Example Media Group. All rights reserved.", lineFurniture},
		{"Copyright 2019 The Herald", lineFurniture},
		{"PHOTO: Protesters gather outside parliament on Monday", lineFurniture},
		{"Photo: AP", lineFurniture},
		{"Image caption: The minister arrives in Brussels", lineFurniture},
		{"Photo by Jane Doe/Getty Images", lineFurniture},
		{"The minister arrives in Brussels (Photo: AFP)", lineFurniture},
		{"The views expressed in this article are solely those of the author and do not reflect those of the publisher.", lineFurniture},
		{"Opinions expressed by contributors are their own.", lineFurniture},
		{"This site does not give financial advice.", lineFurniture},
		{"Posted by Anna Smith at 10:05 PM", lineFurniture},
		{"Labels: politics, energy", lineFurniture},
		{"Tags: Europe, trade", lineFurniture},
		{"Via The Guardian", lineFurniture},
		{"in ,", lineFurniture},
		{"|", lineFurniture},
		{"12 likes", lineFurniture},
		{"Reply to John Smith", lineReply},
		{"Reply", lineReply},
		{"Notify of", lineStrong},
		{"Leave a Reply", lineStrong},
		{"Post a Comment", lineStrong},
		{"View all comments", lineStrong},
		{"14 Comments", lineStrong},
		{"3 thoughts on “Why the summit failed”", lineStrong},
		{"No comments:", lineNoComment},
		{"0 Comments", lineNoComment},
		{"What do you think?", lineWeak},
		{"Comments", lineWeak},
		// Running text that mentions the same words is text.
		{"Follow-up talks are planned for next week.", lineText},
		{"Like Facebook, Twitter is under pressure from regulators.", lineText},
		{"The share price fell 3% after the announcement.", lineText},
		{"He said he would reply to the letter on Monday.", lineText},
		{"Photographs of the scene were shared widely on social media.", lineText},
		{"Reuters reported that the talks had failed.", lineText},
		{"The comments were made at a news conference in Ankara.", lineText},
		{"Readers who follow the news closely will not be surprised.", lineText},
		{"Yes.", lineText},
		{"Putin treats Erdogan to ice cream in Moscow", lineText},
	}
	for _, tt := range tests {
		if got := classifyLine(fold(tt.line)); got != tt.want {
			t.Errorf("classifyLine(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// kindsOf returns the kind of the first sentence of d whose text contains sub.
func kindOf(t *testing.T, d *Document, sub string) Kind {
	t.Helper()
	for _, s := range d.Sentences {
		if strings.Contains(s.Text, sub) {
			return s.Kind
		}
	}
	t.Fatalf("%s: no sentence contains %q", d.ID, sub)
	return 0
}

func TestFurnitureAndCommentsRealFiles(t *testing.T) {
	docs := loadCorpus(t)
	tests := []struct {
		file, sub string
		want      Kind
	}{
		{"000_a3c09a034ca9f054.txt", "PHOTO: French President Francois Hollande", Furniture},
		{"000_a3c09a034ca9f054.txt", "France and Russia have agreed to coordinate airstrikes", Body},
		{"000_a3c09a034ca9f054.txt", "Russia Displays S-400 Anti-Aircraft Missile Systems", Furniture}, // the teaser; its heading: TestCompilationLiveBlog
		{"000_a3c09a034ca9f054.txt", "Defense Ministry puts out video of the arrival of S-400", Body},
		{"002_854b382278fc582c.txt", "in ,", Furniture},
		{"002_854b382278fc582c.txt", "Putin treats Erdogan to ice cream", Headline},
		{"002_854b382278fc582c.txt", "views and opinions expressed in this column", Furniture},
		{"002_854b382278fc582c.txt", "does not give financial, investment or medical advice", Furniture},
		{"002_854b382278fc582c.txt", "Please Subscribe to The Duran", Furniture},
		{"002_854b382278fc582c.txt", "Follow The Duran Audio Podcast", Furniture},
		{"002_854b382278fc582c.txt", "Via Al Jazeera", Furniture},
		{"002_854b382278fc582c.txt", "Putin said they had “outlined additional joint steps", Body},
		{"002_854b382278fc582c.txt", "Only if it is totally removed from the F-35", Body},
		{"002_854b382278fc582c.txt", "What do you think?", Comment},
		{"002_854b382278fc582c.txt", "Notify of", Comment},
		{"002_854b382278fc582c.txt", "Reply to Penny Smirlis", Comment},
		{"002_854b382278fc582c.txt", "Erdogan is crazy.", Comment},
		{"002_854b382278fc582c.txt", "Read more »", Comment},
		{"002_854b382278fc582c.txt", "Golpe de Estado", Comment},
		{"002_854b382278fc582c.txt", "to decode a psyop", Comment},
		{"002_854b382278fc582c.txt", "Surprising US Attack in Idlib", Comment},
		{"002_854b382278fc582c.txt", "vanishes ‘like a ghost’", Comment},
		{"003_14aab2ef61291580.txt", "© Reuters", Furniture},
		{"003_14aab2ef61291580.txt", "No comments:", Furniture},
		{"003_14aab2ef61291580.txt", "Post a Comment", Comment},
		{"003_14aab2ef61291580.txt", "Countries with the most positive outlooks", Body},
	}
	for _, tt := range tests {
		if got := kindOf(t, docs[tt.file], tt.sub); got != tt.want {
			t.Errorf("%s: %q is %v, want %v", tt.file, tt.sub, got, tt.want)
		}
	}
	// Everything from the comment-section marker of 002 on is comment, nothing before it is.
	d := docs["002_854b382278fc582c.txt"]
	in := false
	for _, s := range d.Sentences {
		in = in || s.Text == "What do you think?"
		if in != (s.Kind == Comment) {
			t.Errorf("002: %q is %v (in comment section: %v)", s.Text, s.Kind, in)
		}
	}
}

func TestCommentSection(t *testing.T) {
	tests := []struct {
		name         string
		text         string
		firstComment string // "" when there must be no comment section
		body         []string
	}{
		{
			name: "wordpress thread",
			text: "Markets rally on trade hopes\n\nLeave a comment\n\nStocks rose sharply on Tuesday as investors bet on a deal.\n\n" +
				"The index gained 2% in early trading, its best day in a month.\n\nAnalysts said the rally could fade quickly.\n\n" +
				"3 Comments\n\nAnna Berg says:\n\nMarch 3, 2021 at 9:14 am\n\nThis rally will not last, mark my words.\n\nReply\n\n" +
				"Tom says:\n\nMarch 3, 2021 at 10:02 am\n\nAgreed with Anna on this one.\n\nReply\n\nLeave a Reply\n\nMore from Business\n\nOil prices slip as demand cools",
			firstComment: "3 Comments",
			body:         []string{"Stocks rose sharply", "Analysts said the rally"},
		},
		{
			name: "weak marker confirmed by a comment widget",
			text: "Long enough first paragraph of the article with many words in it.\n\nSecond paragraph of the article, also long enough to count.\n\n" +
				"Third paragraph closes the article with a quote from the minister.\n\nWhat do you think?\n\nNotify of\n\nJane\n\nMay 5, 2020\n\nGreat piece.",
			firstComment: "What do you think?",
			body:         []string{"Third paragraph closes"},
		},
		{
			name: "rhetorical question is not a marker",
			text: "Long enough first paragraph of the article with many words in it.\n\nSecond paragraph of the article, also long enough to count.\n\n" +
				"Third paragraph closes the article with a quote from the minister.\n\nWhat do you think?\n\nThe minister thinks the plan will work, and said so twice.",
			body: []string{"The minister thinks the plan will work"},
		},
		{
			name: "blogspot without comments",
			text: "Title of the post\n\nThe first paragraph of the post says something of note here.\n\nThe second paragraph adds a little more to it than before.\n\n" +
				"The third paragraph ends the post with a conclusion for all.\n\nPosted by Sam at 9:05 PM\n\nNo comments:\n\nPost a Comment\n\nNewer Post Older Post Home",
			firstComment: "Post a Comment",
			body:         []string{"The third paragraph ends"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Document{ID: "x.txt", Text: tt.text}
			Parse(d)
			in := false
			for _, s := range d.Sentences {
				in = in || (tt.firstComment != "" && s.Text == tt.firstComment)
				if in != (s.Kind == Comment) {
					t.Errorf("%q is %v (in comment section: %v)", s.Text, s.Kind, in)
				}
			}
			if tt.firstComment != "" && !in {
				t.Errorf("no comment section starting at %q", tt.firstComment)
			}
			for _, b := range tt.body {
				if k := kindOf(t, d, b); k != Body {
					t.Errorf("%q is %v, want body", b, k)
				}
			}
		})
	}
}
