package attach

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config says how to reach an S3-compatible object store (MinIO, Ceph,
// Garage, AWS S3), so that several instances behind a load balancer share
// the photos.
type S3Config struct {
	Endpoint  string // host:port
	Bucket    string
	AccessKey string
	SecretKey string
	Region    string
	Prefix    string // prepended to every key, e.g. "aduan/"
	Insecure  bool   // plain HTTP (a store on the same private network)
	// Transport, if set, carries the requests (a store whose certificate
	// is signed by the city's own authority; tests).
	Transport http.RoundTripper
}

// S3 keeps files in a bucket.
type S3 struct {
	cfg    S3Config
	client *minio.Client
}

// NewS3 returns a storage on the bucket. It does not create the bucket: the
// operator does, with the access policy the city wants.
func NewS3(cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, fmt.Errorf("s3: endpoint and bucket are required")
	}
	c, err := minio.New(cfg.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure: !cfg.Insecure, Region: cfg.Region, BucketLookup: minio.BucketLookupPath, Transport: cfg.Transport})
	if err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	return &S3{cfg: cfg, client: c}, nil
}

func (s *S3) key(key string) (string, error) {
	if !ValidKey(key) {
		return "", fmt.Errorf("attach: bad key %q", key)
	}
	return strings.TrimLeft(s.cfg.Prefix, "/") + key, nil
}

// Put implements Storage.
func (s *S3) Put(ctx context.Context, key, contentType string, data []byte) error {
	k, err := s.key(key)
	if err != nil {
		return err
	}
	_, err = s.client.PutObject(ctx, s.cfg.Bucket, k, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("s3: put: %w", err)
	}
	return nil
}

// Get implements Storage.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.cfg.Bucket, k, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("s3: get: %w", err)
	}
	// GetObject is lazy: Stat asks the store, so a missing key is an
	// error here rather than on the first read.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("s3: get: %w", err)
	}
	return obj, nil
}

// Delete implements Storage.
func (s *S3) Delete(ctx context.Context, key string) error {
	k, err := s.key(key)
	if err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.cfg.Bucket, k, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("s3: delete: %w", err)
	}
	return nil
}
