package extract

import "testing"

func TestRequestKind(t *testing.T) {
	tests := []struct {
		name, text string
		want       kinds
	}{
		{"imperative", "Pray for rain.", kindPrayer},
		{"please", "Please pray for little M. — she has surgery tomorrow.", kindPrayer},
		{"asked", "We would also ask you to pray for rain.", kindPrayer},
		{"later sentence", "The rains failed again. Pray for the farmers.", kindPrayer},
		{"thank God", "Thank God with us that the ward opened.", kindPraise},
		{"give thanks", "Give thanks for the new school.", kindPraise},
		{"reported request", "Sam asked for prayer for his exams.", kindPrayer},
		{"reported request needs", "My aunt Joan needs prayer after her fall.", kindPrayer},
		{"reported request spanish", "La hermana Rosa pidió oración por su hijo.", kindPrayer},
		{"asked narrative", "Sam asked about the exams.", kindNone},
		{"praise God for readers", "We praise God for faithful friends like you.", kindNone},
		{"thank God for your gifts", "We thank the Lord for your generous gifts this year.", kindNone},
		{"praise God for a thing", "We praise God for the new well.", kindPraise},
		{"pray in your groups", "Please pray for the Lims in your small groups this week.", kindNone},
		{"pray as a church", "Pray for Tom and Ana as a church.", kindNone},
		{"pray for a need this week", "Pray for the Lims this week as they move house.", kindPrayer},
		{"gracias al Senor", "Gracias al Señor por la lluvia.", kindPraise},
		{"narrative prayed", "James prayed with the family before they left.", kindNone},
		{"we are praying", "This week we are praying for IJM.", kindNone},
		{"prayerfully", "Would you prayerfully consider a gift?", kindNone},
		{"praise band", "Our praise band led worship.", kindNone},
		{"thank you", "Thank you for your prayers.", kindNone},
		{"spanish", "Oren por los médicos.", kindPrayer},
		{"portuguese", "Louvamos a Deus pelo barco.", kindPraise},
		{"french", "Rendons grâce pour la guérison de Lova.", kindPraise},
		{"german", "Bitte betet für unser Team.", kindPrayer},
		{"swahili", "Ombeni kwa ajili ya mvua.", kindPrayer},
		{"indonesian", "Doakan kesehatan Ibu Maria.", kindPrayer},
		{"thankful that", "We are so thankful that the well is finished.", kindPraise},
		{"grateful for", "Grateful for a safe crossing to Mwanza.", kindPraise},
		{"grateful for readers", "We're so grateful for your support.", kindNone},
		{"thankful that readers", "We are thankful that you keep writing to us.", kindNone},
		{"grateful for all of you", "I am grateful for all of you.", kindNone},
		{"spanish gratitude", "Estamos muy agradecidos porque llegó el permiso.", kindPraise},
		{"spanish readers", "Estamos agradecidos por su apoyo.", kindNone},
		{"portuguese gratitude", "Somos gratos pela nova escola.", kindPraise},
		{"french gratitude", "Nous sommes si reconnaissants que Lina marche.", kindPraise},
		{"french readers", "Nous sommes reconnaissants pour vos prières.", kindNone},
		{"german gratitude", "Wir sind sehr dankbar, dass der Brunnen fertig ist.", kindPraise},
		{"german readers", "Wir sind dankbar für eure Treue.", kindNone},
		{"swahili gratitude", "Tunashukuru kwamba mvua imenyesha.", kindPraise},
		{"swahili readers", "Tunashukuru kwa maombi yenu.", kindNone},
		{"indonesian gratitude", "Kami berterima kasih atas sumur baru.", kindPraise},
		{"indonesian readers", "Kami berterima kasih atas doa kalian.", kindNone},
		{"clause please pray", "The road is closed, so please pray for the drivers.", kindPrayer},
		{"clause value prayers", "It was a hard week and I'd value your prayers.", kindPrayer},
		{"clause narrative pray", "We met at the church and prayed for the town.", kindNone},
		{"clause sign-off", "Thanks again, and please keep praying!", kindNone},
		{"ask others to pray", "Would you ask your group to pray for Ben?", kindPrayer},
		{"hold in prayers", "Kindly hold the nurses in your prayers.", kindPrayer},
		{"do rejoice", "Do rejoice with us over the harvest.", kindPraise},
		{"news then praise cry", "The roof is finished. Praise God!", kindPraise},
		{"greeting then cry", "Greetings from Lima! Praise God!", kindNone},
		{"news then amen", "The roof is finished. Amen!", kindNone},
		{"german reported", "Sie bittet um Gebet für ihre Mutter.", kindPrayer},
		{"french reported", "Paul demande vos prières pour son examen.", kindPrayer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := requestKind(tt.text); got != tt.want {
				t.Errorf("requestKind(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		name, text string
		kind       kinds
		rest       string
	}{
		{"colon", "Prayer: the road", kindPrayer, "the road"},
		{"upper", "PRAISE: customs cleared", kindPraise, "customs cleared"},
		{"dash", "Pray – for the team", kindPrayer, "for the team"},
		{"answered", "Answered prayer: the visa came", kindPraise, "the visa came"},
		{"spanish", "Alabanza: el local", kindPraise, "el local"},
		{"french space", "Sujets de prière : la classe", kindPrayer, "la classe"},
		{"emoji", "🙏 Sleep!", kindPrayer, "Sleep!"},
		{"emoji skin tone", "🙌🏽 Baby is here", kindPraise, "Baby is here"},
		{"not a label", "Subject: News", kindNone, ""},
		{"sentence start", "Pray for: these", kindNone, ""},
		{"thanks alone", "Thanks: to all", kindNone, ""},
		{"thanks for a thing", "Thanks: the well is dug", kindPraise, "the well is dug"},
		{"thanks for readers", "Thanks: you made it possible", kindNone, ""},
		{"gracias label", "Gracias: llegó la lluvia", kindPraise, "llegó la lluvia"},
		{"tilde", "Praise ~ the roof held", kindPraise, "the roof held"},
		{"square brackets", "[Prayer] the exam", kindPrayer, "the exam"},
		{"round brackets with colon", "(Praise): a calf", kindPraise, "a calf"},
		{"brackets not a label", "[Update] news", kindNone, ""},
		{"lenticular", "【Prayer】 a driver", kindPrayer, "a driver"},
		{"german bitte", "Bitte: ein Fahrer", kindPrayer, "ein Fahrer"},
		{"german qualifier", "Dringende Bitte: Mara", kindPrayer, "Mara"},
		{"german danksagung", "Danksagung: der Bus", kindPraise, "der Bus"},
		{"french action de grace", "Action de grâce : la pluie", kindPraise, "la pluie"},
		{"spanish accion de gracias", "Acción de gracias: el techo", kindPraise, "el techo"},
		{"portuguese acao de gracas", "Ação de graças: a escola", kindPraise, "a escola"},
		{"action alone", "Action: the plan", kindNone, ""},
		{"swahili qualifier", "Ombi maalum: paa", kindPrayer, "paa"},
		{"indonesian qualifier", "Pokok doa khusus: jembatan", kindPrayer, "jembatan"},
		{"with us is a sentence", "Give thanks with us: the well", kindNone, ""},
		{"for me is a sentence", "Pray for me: the exam", kindNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := findLabel(tt.text, 0, nil)
			if tt.kind == kindNone {
				if ok {
					t.Errorf("findLabel(%q) = %+v, want no label", tt.text, l)
				}
				return
			}
			if !ok || l.kind != tt.kind || tt.text[l.n:] != tt.rest {
				t.Errorf("findLabel(%q) = %+v %v (rest %q), want kind %d rest %q", tt.text, l, ok, tt.text[min(l.n, len(tt.text)):], tt.kind, tt.rest)
			}
		})
	}
}

func TestSectionKind(t *testing.T) {
	tests := []struct {
		text string
		want kinds
	}{
		{"Prayer requests", kindPrayer},
		{"Praise & Prayer", kindMixed},
		{"Give thanks for", kindPraise},
		{"How you can pray", kindPrayer},
		{"Motivos de oración", kindPrayer},
		{"Louange", kindPraise},
		{"Gebetsanliegen", kindPrayer},
		{"Pokok Doa", kindPrayer},
		{"Prayer requests for March", kindPrayer},
		{"Missions Prayer Rotation", kindNone},
		{"How you can help", kindNone},
		{"Thank you", kindNone},
		{"Answers to prayer", kindPraise},
		{"Pray with us · Oremos juntos", kindPrayer},
		{"Pray with us · Orem unidos", kindPrayer},
		{"Give thanks | Louvem conosco", kindPraise},
		{"Praise / Prayer", kindMixed},
		{"News · Noticias", kindNone},
		{"Our team / Nuestro equipo", kindNone},
		{"Wofür wir danken", kindPraise},
		{"What we're thankful for", kindPraise},
		{"Damos gracias a Dios por", kindPraise},
		{"Please pray…", kindPrayer},
		{"Prayer breakfast tickets", kindNone},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := sectionKind(tt.text); got != tt.want {
				t.Errorf("sectionKind(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestSanitizedHTML(t *testing.T) {
	in := `<p><strong>Prayer:</strong> Pray for <em>Ada</em> <a href="https://x.org/a">here</a> <a href="javascript:alert(1)">bad</a> <a href="/rel">rel</a> <img src=x onerror=alert(1)><script>alert(1)</script></p>`
	pts := Points(in, FormatHTML, Options{})
	if len(pts) != 1 {
		t.Fatalf("got %d points, want 1", len(pts))
	}
	want := `Pray for <em>Ada</em> <a href="https://x.org/a" rel="nofollow noreferrer">here</a> bad rel`
	if pts[0].HTML != want {
		t.Errorf("HTML = %q, want %q", pts[0].HTML, want)
	}
	if pts[0].Text != "Pray for Ada here bad rel" {
		t.Errorf("Text = %q", pts[0].Text)
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, in string
		want     Format
	}{
		{"html", "<p>Pray</p>", FormatHTML},
		{"markdown", "## Praise\n\n- a", FormatMarkdown},
		{"text", "Praise: a\n- b", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectFormat(tt.in); got != tt.want {
				t.Errorf("DetectFormat(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestNoticeLabel(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Agenda : culte le 3 mai", true},
		{"Lent offering: envelopes in the pews", true},
		{"Termine: Missionsabend", true},
		{"Matangazo: harambee Jumamosi", true},
		{"Pengumuman: ibadah Minggu", true},
		{"Prayer: the road", false},
		{"The Smiths: visa delayed", false},
		{"We met many people at the event: 40 came", false},
		{"Year-end goal: $9,000 for seed", true},
		{"Meta de fin de año: 4.000 dólares", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := noticeLabel(tt.text); got != tt.want {
				t.Errorf("noticeLabel(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestEmojiSignOff(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
	}{
		{"thank-you with folded hands", "🙏 Thanks to everyone who prays for us!", 0},
		{"point with folded hands", "🙏 Pray for the new well.", 1},
		{"thanks to God with folded hands", "🙏 Thank you Lord for the rain!", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Points(tt.in, FormatText, Options{}); len(got) != tt.want {
				t.Errorf("Points(%q) = %+v, want %d points", tt.in, got, tt.want)
			}
		})
	}
}

func TestChatPrefix(t *testing.T) {
	tests := []struct {
		line, rest string
	}{
		{"[8/03/25, 21:47] Ana Ruiz: Buenas noches", "Buenas noches"},
		{"[03.08.25, 09:15:02] Jonas: Guten Morgen", "Guten Morgen"},
		{"12/04/2025, 7:02 PM - Grace: Evening all", "Evening all"},
		{"12/04/2025, 19:02 - Grace O.: Evening all", "Evening all"},
		{"12/04/2025 was a Saturday: we met", "12/04/2025 was a Saturday: we met"},
		{"Prayer: the road", "Prayer: the road"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := tt.line[chatPrefix(tt.line):]; got != tt.rest {
				t.Errorf("after chatPrefix(%q): %q, want %q", tt.line, got, tt.rest)
			}
		})
	}
}

func TestNotPoint(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"copyright english", "© 2023 Lakeview Church. All rights reserved.", true},
		{"rights reserved spanish", "Todos los derechos reservados.", true},
		{"share widget", "Partagez : Facebook · X", true},
		{"follow widget", "Follow us: Instagram", true},
		{"dated meeting invitation", "Every Thursday, 6 pm, in the library. Join us as we pray for the city.", true},
		{"dated event portuguese", "No sábado, 3 de junho, às 18h, teremos um almoço.", true},
		{"offer to pray", "Our elders would love to pray with you after the service.", true},
		{"request form", "Please fill out a prayer request card at the door.", true},
		{"leaders", "Opening Hymn ........ Choir", true},
		{"dated request", "Pray for Sunday at 10 am, when Ana is baptised.", false},
		{"dated plain point", "Pray for the clinic; it opens on Monday.", false},
		{"point about a meeting", "Pray for the elders as they meet on Tuesday to choose a pastor.", false},
		{"ellipsis", "Pray for rain... the wells are dry.", false},
		{"praying for them", "Please pray for the families we visit.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notPoint(tt.text); got != tt.want {
				t.Errorf("notPoint(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestRosterLine(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"couple and posting", "Jan & Els Bakker, pilots with MAF, Sentani, Indonesia", true},
		{"spanish couple", "Luis y Marta Ortega, plantadores de iglesias, Cusco", true},
		{"sentence", "Jan & Els Bakker fly medical supplies to the highlands.", false},
		{"request", "Jan & Els Bakker, pray for their visas", false},
		{"no comma", "Jan and Els Bakker in Sentani", false},
		{"lower case start", "the clinic staff, nurses and doctors, Sentani", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rosterLine(tt.text); got != tt.want {
				t.Errorf("rosterLine(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
