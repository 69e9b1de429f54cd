package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the Prometheus metrics of one serve process, on their own
// registry (never the global one, so tests and several servers in one
// process don't collide).
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	fetches  *prometheus.CounterVec
	items    prometheus.Counter
	renders  prometheus.Counter
	handler  http.Handler
}

// Fetch results for ObserveFetches.
const (
	FetchOK          = "ok"
	FetchNotModified = "not_modified"
	FetchError       = "error"
)

// NewMetrics returns Metrics registered on a new registry, with the Go
// runtime and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prayerfeed_http_requests_total", Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "prayerfeed_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route.",
			Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1},
		}, []string{"route"}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "prayerfeed_fetches_total", Help: "Source fetches, by result (ok, not_modified, error).",
		}, []string{"result"}),
		items: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prayerfeed_items_new_total", Help: "Prayer and praise points stored for the first time.",
		}),
		renders: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "prayerfeed_page_renders_total", Help: "Pages rendered into the response cache.",
		}),
	}
	for _, r := range []string{FetchOK, FetchNotModified, FetchError} {
		m.fetches.WithLabelValues(r) // so every result is exported from the start
	}
	m.reg.MustRegister(m.requests, m.duration, m.fetches, m.items, m.renders,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
	return m
}

// Registry is the registry the metrics are on, for adding more.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ObserveFetches counts n fetches with the given result.
func (m *Metrics) ObserveFetches(result string, n int) {
	m.fetches.WithLabelValues(result).Add(float64(n))
}

// ObserveNewItems counts n newly stored items.
func (m *Metrics) ObserveNewItems(n int) { m.items.Add(float64(n)) }

func (m *Metrics) serve(w http.ResponseWriter, r *http.Request) int {
	m.handler.ServeHTTP(w, r)
	return http.StatusOK
}

// routeMetrics are one route's request metrics, resolved once so that
// observing a request does no label lookups for the usual status codes.
type routeMetrics struct {
	name     string
	duration prometheus.Observer
	codes    map[int]prometheus.Counter
	requests *prometheus.CounterVec
}

func (m *Metrics) forRoute(name string) *routeMetrics {
	rm := &routeMetrics{name: name, duration: m.duration.WithLabelValues(name),
		codes: map[int]prometheus.Counter{}, requests: m.requests}
	for _, code := range []int{200, 304, 400, 401, 404, 500} {
		rm.codes[code] = m.requests.WithLabelValues(name, strconv.Itoa(code))
	}
	return rm
}

func (rm *routeMetrics) observe(code int, d time.Duration) {
	rm.duration.Observe(d.Seconds())
	c, ok := rm.codes[code]
	if !ok {
		c = rm.requests.WithLabelValues(rm.name, strconv.Itoa(code))
	}
	c.Inc()
}
