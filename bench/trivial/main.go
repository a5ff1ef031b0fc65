// Command trivial is the load harness's baseline: the smallest net/http
// server, answering "ok" to every request on $LOAD_ADDR (or -addr). Being
// its own small binary, its memory and speed are those of net/http alone.
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	addr := flag.String("addr", os.Getenv("LOAD_ADDR"), "listen address")
	flag.Parse()
	srv := &http.Server{Addr: *addr, ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok"))
	})}
	log.Fatal(srv.ListenAndServe())
}
